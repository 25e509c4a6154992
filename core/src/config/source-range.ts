/** A position in a template file; line and column are 1-based, byte is 0-based. */
export interface SourcePos {
  line: number;
  column: number;
  byte: number;
}

/** Where something is in a template. */
export interface SourceRange {
  filename: string;
  start: SourcePos;
  end: SourcePos;
}

/** A problem in a template, pointing at where it is. */
export interface TemplateDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  /** Absent only for problems that have no place (e.g. a missing directory). */
  range?: SourceRange;
  /**
   * For a problem in an expression: the values of the variables it refers
   * to, as HCL shows them under the excerpt (`var.x as "a"`).
   */
  values?: string[];
}

/**
 * Thrown when a template cannot be loaded or evaluated. Carries every
 * diagnostic found; the CLI renders them with a source excerpt and caret.
 */
export class TemplateError extends Error {
  readonly diagnostics: TemplateDiagnostic[];

  constructor(diagnostics: TemplateDiagnostic[]) {
    super(diagnostics.map((d) => d.summary).join('\n'));
    this.name = 'TemplateError';
    this.diagnostics = diagnostics;
  }
}
