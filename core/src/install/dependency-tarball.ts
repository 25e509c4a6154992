import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PluginInstallError } from './install-error.js';

const run = promisify(execFile);

/** Packs an installed package's node_modules into a gzipped tarball (for mirrors); false when there is none. */
export async function packDependencies(pkgDir: string, file: string): Promise<boolean> {
  if (!existsSync(`${pkgDir}/node_modules`)) return false;
  await run('tar', ['-czf', file, '-C', pkgDir, 'node_modules'], { maxBuffer: 1 << 20 });
  return true;
}

/** The SRI sha512 of a file. */
export async function fileIntegrity(file: string): Promise<string> {
  return `sha512-${createHash('sha512')
    .update(await readFile(file))
    .digest('base64')}`;
}

/** Extracts a dependency tarball made by {@link packDependencies} into a staged package. */
export async function extractDependencies(file: string, pkgDir: string, integrity?: string): Promise<void> {
  if (integrity && (await fileIntegrity(file)) !== integrity)
    throw new PluginInstallError(`${file} does not match the integrity recorded in the mirror index`);
  try {
    await run('tar', ['-xzf', file, '-C', pkgDir, '--no-same-owner'], { maxBuffer: 1 << 20 });
  } catch (error) {
    throw new PluginInstallError(`cannot extract ${file}: ${(error as Error).message}`);
  }
}
