import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isPackerLock, packerLockIntact } from '../packer-bridge/install/packer-lock.js';
import { installChanges } from './file-hashes.js';
import { lockFilePath, readLock } from './lock-file.js';
import { pluginPath, versionDir } from './plugin-path.js';
import { readReceipt } from './receipt.js';

/**
 * A hash of the template's configuration files (the file, or a directory's
 * *.pkr.hcl and *.pkr.json), recorded in the lock file so that a later
 * `kiln init` can tell the required_plugins cannot have changed.
 */
export function templateFingerprint(templatePath: string): string {
  const h = createHash('sha256');
  const st = statSync(templatePath);
  const files = st.isDirectory()
    ? readdirSync(templatePath)
        .filter((f) => /\.pkr\.(hcl|json)$/.test(f))
        .sort()
        .map((f) => join(templatePath, f))
    : [templatePath];
  for (const f of files)
    h.update(`${basename(f)}\0`)
      .update(readFileSync(f))
      .update('\0');
  return `sha256-${h.digest('base64')}`;
}

/**
 * True when `kiln init` has nothing to do: the lock file was written for
 * these very template files and every locked plugin is installed, with the
 * locked integrity and no file changed. Cheap: no template parsing, no
 * registry, only node built-ins.
 */
export function initUpToDate(templatePath: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    const lock = readLock(lockFilePath(templatePath));
    if (!lock?.template || lock.template !== templateFingerprint(templatePath)) return false;
    const root = pluginPath(env);
    for (const l of Object.values(lock.plugins)) {
      if (isPackerLock(l)) {
        if (!packerLockIntact(l, env)) return false;
        continue;
      }
      const dir = versionDir(root, l.package, l.version);
      const r = readReceipt(dir);
      if (r.integrity !== l.integrity || installChanges(dir, r, 1).length) return false;
    }
    return true;
  } catch {
    return false;
  }
}
