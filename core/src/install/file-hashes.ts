import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Relative path (with `/`) -> `sha256-<base64>` of the content, or `link:<target>` for a symlink. */
export type FileHashes = Record<string, string>;

/** Files that are not part of what was installed (the receipt itself). */
const SKIP = new Set(['.kiln-receipt.json']);

/** Hashes every file under `dir` (symlinks by their target, not followed), sorted by path. */
export function hashTree(dir: string): FileHashes {
  const out: FileHashes = {};
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix + e.name;
      if (SKIP.has(rel)) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, `${rel}/`);
      else if (e.isSymbolicLink()) out[rel] = `link:${readlinkSync(p)}`;
      else if (e.isFile())
        out[rel] = `sha256-${createHash('sha256').update(readFileSync(p)).digest('base64')}`;
    }
  };
  walk(dir, '');
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Compares the files under `dir` with the hashes recorded at install time and
 * returns what differs (modified, missing, added), at most `limit` entries.
 */
export function changedFiles(dir: string, recorded: FileHashes, limit = 5): string[] {
  const current = hashTree(dir);
  const changes: string[] = [];
  for (const [rel, hash] of Object.entries(recorded)) {
    if (!(rel in current)) changes.push(`${rel} is missing`);
    else if (current[rel] !== hash) changes.push(`${rel} was modified`);
  }
  for (const rel of Object.keys(current)) if (!(rel in recorded)) changes.push(`${rel} was added`);
  return changes.sort().slice(0, limit);
}

/**
 * A cheap fingerprint of the installed files and the directories holding
 * them: path, size, inode, mtime and ctime (which no user can set back).
 * Equal to the one recorded at install time means nothing was written since.
 */
export function statFingerprint(dir: string, files: string[]): string {
  const paths = new Set<string>();
  for (const f of files) {
    paths.add(f);
    for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) paths.add(f.slice(0, i));
  }
  const h = createHash('sha256');
  for (const p of [...paths].sort()) {
    try {
      const st = lstatSync(join(dir, p));
      h.update(`${p}:${st.size}:${st.ino}:${st.mtimeMs}:${st.ctimeMs}\n`);
    } catch {
      h.update(`${p}:missing\n`);
    }
  }
  return `sha256-${h.digest('base64')}`;
}

/**
 * What changed in an install since its receipt was written: nothing when the
 * stat fingerprint still matches, else the content comparison.
 */
export function installChanges(
  dir: string,
  receipt: { files: FileHashes; stat?: string },
  limit = 5,
): string[] {
  if (receipt.stat && statFingerprint(dir, Object.keys(receipt.files)) === receipt.stat) return [];
  return changedFiles(dir, receipt.files, limit);
}
