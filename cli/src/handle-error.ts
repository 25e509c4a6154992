import type { TemplateDiagnostic } from '@kiln/core';
import { UserError } from './user-error.js';

interface OclifError extends Error {
  oclif?: { exit?: number };
  code?: string;
  suggestions?: string[];
}

function isTemplateError(e: unknown): e is Error & { diagnostics: TemplateDiagnostic[] } {
  return (
    e instanceof Error &&
    e.name === 'TemplateError' &&
    Array.isArray((e as { diagnostics?: unknown }).diagnostics)
  );
}

function verbose(env: NodeJS.ProcessEnv): boolean {
  const v = env.KILN_LOG ?? env.PACKER_LOG;
  return v !== undefined && v !== '' && v !== '0';
}

/**
 * The one place errors become output and an exit code: template errors are
 * rendered with their source excerpts, user errors as "Error: ..." with
 * suggestions; a stack trace only with KILN_LOG=1.
 */
export async function handleError(
  error: unknown,
  stderr: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const color = stderr.isTTY === true && !env.NO_COLOR;
  if (isTemplateError(error)) {
    const { renderDiagnostics } = await import('@kiln/core');
    stderr.write(renderDiagnostics(error.diagnostics, { color }));
    return 1;
  }
  const e = error as OclifError;
  if (e?.oclif?.exit !== undefined && /^EEXIT/.test(e.message)) return e.oclif.exit;
  const message = e instanceof Error ? e.message : String(error);
  const suggestions = error instanceof UserError ? error.suggestions : (e?.suggestions ?? []);
  let text = `Error: ${message.replace(/^Error: /, '')}\n`;
  for (const s of suggestions) text += `  ${s}\n`;
  if (e?.oclif !== undefined && !(error instanceof UserError)) {
    const lines = message
      .split('\n')
      .filter(
        (l) => !/^(See more help with|Note: .* allow multiple values|Alternatively, you can use)/.test(l),
      )
      .map((l) => l.replace(/--([a-z][\w-]*)/g, '-$1'));
    text = `Error: ${lines.join('\n')}\nSee 'kiln -help' for usage.\n`;
  }
  stderr.write(text);
  if (verbose(env) && e instanceof Error && e.stack) stderr.write(`${e.stack}\n`);
  if (error instanceof UserError) return error.exitCode;
  return 1;
}
