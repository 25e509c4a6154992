import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComponentKind } from '@kiln/plugin-sdk';
import { tempNameFor } from '@kiln/plugin-sdk/temp-name';
import type { FileHashes } from './file-hashes.js';

/** The receipt's file name inside `<pluginPath>/<name>/<version>/`. */
export const RECEIPT_FILE = '.kiln-receipt.json';

/** What kiln wrote when it installed a plugin package. */
export interface InstallReceipt {
  receipt: 1;
  name: string;
  version: string;
  /** The required_plugins source it was installed for, `npm:<name>`, or `path:<dir|tgz>`. */
  source: string;
  /** The registry's integrity of the package tarball (SRI). */
  integrity: string;
  /** Where the tarball came from (registry URL, mirror file, local path). */
  resolved: string;
  resolvedAt: string;
  protocol: number;
  /** The entry point, relative to the package directory. */
  main: string;
  components: Partial<Record<ComponentKind, string[]>>;
  /** Every installed file (package and its dependencies) and its hash. */
  files: FileHashes;
  /** The stat fingerprint of the files once in place (see statFingerprint). */
  stat?: string;
}

/** Reads the receipt in `dir`; throws with the reason when it is missing or malformed. */
export function readReceipt(dir: string): InstallReceipt {
  const file = join(dir, RECEIPT_FILE);
  let r: InstallReceipt;
  try {
    r = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new Error(
      e.code === 'ENOENT' ? `no install receipt (${file})` : `bad install receipt ${file}: ${e.message}`,
    );
  }
  const ok =
    r &&
    r.receipt === 1 &&
    typeof r.name === 'string' &&
    typeof r.version === 'string' &&
    typeof r.integrity === 'string' &&
    typeof r.main === 'string' &&
    typeof r.protocol === 'number' &&
    r.files !== null &&
    typeof r.files === 'object';
  if (!ok) throw new Error(`bad install receipt ${file}: required fields are missing`);
  return r;
}

/** Writes the receipt into `dir` (via a temporary file and a rename). */
export async function writeReceipt(dir: string, receipt: InstallReceipt): Promise<void> {
  const file = join(dir, RECEIPT_FILE);
  // A temporary name per write: two writers in one process must not share one.
  const temp = tempNameFor(file);
  await writeFile(temp, `${JSON.stringify(receipt, null, 2)}\n`, { mode: 0o644 });
  await rename(temp, file);
}
