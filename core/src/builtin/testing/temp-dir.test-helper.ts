import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory removed on dispose (`await using dir = await tempDir()`). */
export interface TempDir extends AsyncDisposable {
  path: string;
}

/** Makes a temporary directory for a test. */
export async function tempDir(prefix = 'kiln-builtin-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}
