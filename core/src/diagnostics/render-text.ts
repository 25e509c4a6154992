import type { TemplateDiagnostic } from '../config/source-range.js';
import { type SourceCache, sourceCache } from './source-cache.js';

/** How {@link renderDiagnostics} formats its output. */
export interface RenderOptions {
  /** ANSI colours (red errors, yellow warnings, bold summaries). */
  color?: boolean;
  /** Where source lines come from; the process-wide cache by default. */
  sources?: SourceCache;
}

const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const BOLD = '\x1b[1m';
const UNDERLINE = '\x1b[4m';
const RESET = '\x1b[0m';

/**
 * Renders diagnostics the way HCL tools do: the summary, the file and line,
 * the source line with a caret under the range, then the detail. Each
 * diagnostic ends with a blank line.
 */
export function renderDiagnostics(diags: TemplateDiagnostic[], options: RenderOptions = {}): string {
  return diags.map((d) => renderOne(d, options)).join('');
}

function renderOne(d: TemplateDiagnostic, options: RenderOptions): string {
  const color = options.color ?? false;
  const sources = options.sources ?? sourceCache;
  const label = d.severity === 'error' ? 'Error' : 'Warning';
  const tint = d.severity === 'error' ? RED : YELLOW;
  let out = color
    ? `${tint}${BOLD}${label}:${RESET}${BOLD} ${d.summary}${RESET}\n`
    : `${label}: ${d.summary}\n`;
  const r = d.range;
  if (r) {
    out += `\n  on ${r.filename} line ${r.start.line}:\n`;
    const src = sources.line(r.filename, r.start.line);
    if (src !== undefined) {
      const text = src.replace(/\t/g, ' ');
      const prefix = `  ${String(r.start.line).padStart(3)}: `;
      const from = Math.min(Math.max(r.start.column - 1, 0), text.length);
      const sameLine = r.end.line === r.start.line;
      const to = sameLine
        ? Math.min(Math.max(r.end.column - 1, from + 1), Math.max(text.length, from + 1))
        : text.length;
      const width = Math.max(1, to - from);
      if (color) {
        out += `${prefix}${text.slice(0, from)}${UNDERLINE}${text.slice(from, to)}${RESET}${text.slice(to)}\n`;
      } else {
        out += `${prefix}${text}\n`;
      }
      out += `${' '.repeat(prefix.length + from)}${'^'.repeat(width)}\n`;
    }
  }
  if (d.values?.length) out += `\nwith ${d.values.join(',\n     ')}.\n`;
  if (d.detail) out += `\n${d.detail}\n`;
  return `${out}\n`;
}
