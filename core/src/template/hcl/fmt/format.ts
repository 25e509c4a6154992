import type { TemplateDiagnostic } from '../../../config/source-range.js';
import { initHclParser, parseHclWithCst } from '../syntax/parse.js';
import { type ResultCache, resultCache } from '../syntax/result-cache.js';
import { layout } from './layout.js';
import { tokenize } from './tokens.js';

/** What `formatHcl` returns. */
export interface FormatResult {
  /** The canonical text; the input unchanged when it has syntax errors. */
  output: string;
  /** True when `output` differs from the input. */
  changed: boolean;
  /** Syntax errors that prevented formatting (empty on success). */
  diagnostics: TemplateDiagnostic[];
}

/**
 * Formats HCL2 native syntax canonically, as `packer fmt` does: two-space
 * indentation by nesting, one space around operators and inside braces,
 * none inside brackets and parentheses, `=` of consecutive one-line
 * attributes and trailing comments aligned. Only whitespace between tokens
 * changes: strings, heredoc bodies and comments are kept as written, and
 * so are blank lines. Idempotent. A file with syntax errors is returned
 * unchanged with its diagnostics. Synchronous; `initHclParser()` must have
 * resolved first.
 */
export function formatHcl(text: string, filename: string): FormatResult {
  const { result, root, source } = parseHclWithCst(text, filename);
  const { diagnostics } = result;
  if (diagnostics.some((d) => d.severity === 'error')) return { output: text, changed: false, diagnostics };
  const bom = source.length < text.length ? text.slice(0, 1) : '';
  try {
    const output = bom + layout(tokenize(source, root));
    return { output, changed: output !== text, diagnostics: [] };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const pos = { line: 1, column: 1, byte: 0 };
    const summary = 'Configuration nested too deeply';
    const detail = 'This file nests brackets, blocks or templates too deeply for Kiln to format it.';
    return {
      output: text,
      changed: false,
      diagnostics: [{ severity: 'error', summary, detail, range: { filename, start: pos, end: pos } }],
    };
  }
}

let formatted: ResultCache<FormatResult> | undefined;

/**
 * `formatHcl` of a file through the parse cache (result-cache.ts): a file
 * an earlier run formatted, with the same name and text, is answered
 * without setting up the parser. Sets the parser up when it must.
 */
export async function formatHclFile(text: string, filename: string): Promise<FormatResult> {
  formatted ??= resultCache<FormatResult>('fmt');
  const hit = formatted.get(text, filename);
  if (hit) return hit;
  await initHclParser();
  const result = formatHcl(text, filename);
  formatted.set(text, filename, result);
  return result;
}
