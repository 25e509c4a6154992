import { randomBytes } from 'node:crypto';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownedTempPrefix } from '@kiln/plugin-sdk';

/** A temporary local script file; remove it with `dispose` (or `await using`). */
export interface TempScript extends AsyncDisposable {
  path: string;
  dispose(): Promise<void>;
}

/**
 * Writes `inline` commands to a temporary executable script, one per line,
 * headed by `#!<shebang>` when a shebang is given (Packer's inline scripts).
 */
export async function writeInlineScript(
  inline: readonly string[],
  shebang: string | undefined,
  extension = '',
): Promise<TempScript> {
  const ext = extension === '' ? '' : `.${extension.replace(/^\./, '')}`;
  const path = join(tmpdir(), `${ownedTempPrefix('kiln-shell')}${randomBytes(6).toString('hex')}${ext}`);
  const head = shebang ? `#!${shebang}\n` : '';
  await writeFile(path, head + inline.map((l) => `${l}\n`).join(''), { mode: 0o700 });
  await chmod(path, 0o700);
  const dispose = () => rm(path, { force: true });
  return { path, dispose, [Symbol.asyncDispose]: dispose };
}
