/**
 * An error the user can fix: printed as "Error: message" with suggestions,
 * never with a stack trace (unless KILN_LOG=1), and exits with `exitCode`.
 * Throw it from any command; the entry point handles it in one place.
 */
export class UserError extends Error {
  readonly exitCode: number;
  readonly suggestions: string[];

  constructor(message: string, options: { exitCode?: number; suggestions?: string[]; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? 1;
    this.suggestions = options.suggestions ?? [];
  }
}
