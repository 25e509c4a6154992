/**
 * Sensitive strings found while loading a template (sensitive variables,
 * sensitive attributes). The UI masks them in every line it prints.
 */
export class SensitiveValues {
  private readonly values = new Set<string>();

  /** `parent`, when given, also receives every value added here. */
  constructor(private readonly parent?: SensitiveValues) {}

  /** Remembers a value to mask; empty strings are ignored. */
  add(value: string): void {
    if (value === '') return;
    this.values.add(value);
    this.parent?.add(value);
  }

  get size(): number {
    return this.values.size;
  }

  /** `text` with every sensitive value replaced by `<sensitive>`, longest first. */
  mask(text: string): string {
    if (this.values.size === 0) return text;
    let out = text;
    for (const v of [...this.values].sort((a, b) => b.length - a.length))
      out = out.split(v).join('<sensitive>');
    return out;
  }
}

/** Every sensitive value registered by any load in this process. */
export const processSensitiveValues = new SensitiveValues();

/** Masks values registered by any load in this process (for UI lines and logs). */
export function maskSensitive(text: string): string {
  return processSensitiveValues.mask(text);
}
