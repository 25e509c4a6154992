import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The name prefix for a temporary file or directory owned by this process:
 * `<kind>-<pid>-`. A process that is killed outright (SIGKILL) cannot remove
 * what it made; the next kiln run removes it with {@link sweepStaleTemp}.
 */
export function ownedTempPrefix(kind: string): string {
  return `${kind}-${process.pid}-`;
}

/** Whether a process with this id exists (one of another user's counts: EPERM). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes entries of `dir` named `<kind>-<pid>-...` (for the given kinds)
 * whose owning process is gone. Entries of live processes, and names without
 * a pid, are left alone. Never throws.
 */
export function sweepStaleTemp(kinds: readonly string[], dir: string = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^(.+?)-(\d+)-/.exec(name);
    if (!m || !kinds.includes(m[1]!) || processAlive(Number(m[2]))) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {}
  }
  return removed;
}
