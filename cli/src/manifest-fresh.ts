import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.js')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return Math.max(newest, statSync(dir).mtimeMs);
}

/**
 * Whether cli/oclif.manifest.json describes the compiled commands: false
 * when a command was compiled after the manifest was written (a `tsc -b`
 * without the postbuild step), so that the commands are read directly.
 */
export function manifestIsFresh(root: string): boolean {
  try {
    const manifest = statSync(join(root, 'oclif.manifest.json')).mtimeMs;
    return newestMtime(join(root, 'dist', 'commands')) <= manifest;
  } catch {
    return false;
  }
}
