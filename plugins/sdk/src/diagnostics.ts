/** A configuration problem, tied to an attribute path inside a component's body. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  /** Attribute path inside the body, e.g. ["changes", 2]; core maps it to file:line:column. */
  path?: (string | number)[];
}

/**
 * Thrown by prepare/configure when the configuration is invalid. Carries every
 * problem found (collect them all; do not stop at the first).
 */
export class ConfigError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(
      diagnostics.map((d) => (d.path?.length ? `${d.path.join('.')}: ${d.summary}` : d.summary)).join('\n'),
    );
    this.name = 'ConfigError';
    this.diagnostics = diagnostics;
  }
}

/** Collects diagnostics; `throwIfErrors` raises a ConfigError when any is an error. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, path?: (string | number)[], detail?: string): void {
    this.items.push({ severity: 'error', summary, ...(path ? { path } : {}), ...(detail ? { detail } : {}) });
  }

  warning(summary: string, path?: (string | number)[], detail?: string): void {
    this.items.push({
      severity: 'warning',
      summary,
      ...(path ? { path } : {}),
      ...(detail ? { detail } : {}),
    });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  throwIfErrors(): void {
    if (this.hasErrors) throw new ConfigError(this.items);
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }
}
