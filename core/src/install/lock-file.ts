import { existsSync, readFileSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { tempNameFor } from '@kiln/plugin-sdk/temp-name';

/** The lock file's name, written beside the template (in its directory). */
export const LOCK_FILE = 'kiln.lock.json';

/** One locked plugin: exactly what `kiln init` installs for a source. */
export interface LockedPlugin {
  package: string;
  version: string;
  integrity: string;
  /** The constraint the version was chosen for (informational). */
  constraint: string;
}

/** The lock file: required_plugins source -> locked plugin. */
export interface PluginLock {
  version: 1;
  /** The fingerprint of the template files the lock was written for (see templateFingerprint). */
  template?: string;
  plugins: Record<string, LockedPlugin>;
}

/** The directory a template lives in: the path itself for a directory, else its parent. */
export function templateDir(templatePath: string): string {
  const p = resolve(templatePath);
  try {
    return statSync(p).isDirectory() ? p : dirname(p);
  } catch {
    return dirname(p);
  }
}

/** The lock file path for a template (file or directory). */
export function lockFilePath(templatePath: string): string {
  return join(templateDir(templatePath), LOCK_FILE);
}

/** Reads the lock file; undefined when there is none. Throws naming the file when it is malformed. */
export function readLock(file: string): PluginLock | undefined {
  if (!existsSync(file)) return undefined;
  let lock: PluginLock;
  try {
    lock = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message}); remove it and run \`kiln init\``);
  }
  if (lock?.version !== 1 || typeof lock.plugins !== 'object' || lock.plugins === null)
    throw new Error(`${file}: not a kiln lock file (expected {"version": 1, "plugins": {...}})`);
  for (const [source, p] of Object.entries(lock.plugins)) {
    if (typeof p?.package !== 'string' || typeof p.version !== 'string' || typeof p.integrity !== 'string')
      throw new Error(`${file}: the entry for "${source}" needs "package", "version" and "integrity"`);
  }
  return lock;
}

/** Writes the lock file (sorted by source, via a temporary file and a rename). */
export async function writeLock(file: string, lock: PluginLock): Promise<void> {
  const sorted: PluginLock = {
    version: 1,
    ...(lock.template ? { template: lock.template } : {}),
    plugins: Object.fromEntries(Object.entries(lock.plugins).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  // A temporary name per write: two writers in one process must not share one.
  const temp = tempNameFor(file);
  await writeFile(temp, `${JSON.stringify(sorted, null, 2)}\n`);
  await rename(temp, file);
}
