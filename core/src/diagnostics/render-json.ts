import type { TemplateDiagnostic } from '../config/source-range.js';
import { type SourceCache, sourceCache } from './source-cache.js';

/** One diagnostic as tools read it (`-machine-readable`, editors). */
export interface DiagnosticJson {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  range?: {
    filename: string;
    start: { line: number; column: number; byte: number };
    end: { line: number; column: number; byte: number };
  };
  /** The source line the range starts on, when the file can be read. */
  snippet?: { line: number; code: string };
}

/** Diagnostics as plain JSON-ready objects, in the order given. */
export function diagnosticsToJson(
  diags: TemplateDiagnostic[],
  sources: SourceCache = sourceCache,
): DiagnosticJson[] {
  return diags.map((d) => {
    const out: DiagnosticJson = { severity: d.severity, summary: d.summary, detail: d.detail ?? '' };
    if (d.range) {
      out.range = { filename: d.range.filename, start: { ...d.range.start }, end: { ...d.range.end } };
      const code = sources.line(d.range.filename, d.range.start.line);
      if (code !== undefined) out.snippet = { line: d.range.start.line, code };
    }
    return out;
  });
}
