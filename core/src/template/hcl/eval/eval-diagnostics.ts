import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';

/** An error diagnostic at `range`. */
export function evalError(
  summary: string,
  detail: string,
  range: SourceRange | undefined,
): TemplateDiagnostic {
  return range ? { severity: 'error', summary, detail, range } : { severity: 'error', summary, detail };
}

/** `Did you mean "x"?` appended when there is a suggestion. */
export function withSuggestion(detail: string, suggestion: string | undefined): string {
  return suggestion ? `${detail} Did you mean "${suggestion}"?` : detail;
}

/** A message ending in a full stop, as HCL's diagnostics do. */
export function withPeriod(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
