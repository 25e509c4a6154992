import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const live = new Map<ChildProcess, string>();
let hooked = false;

function reapAll(): void {
  for (const [child, dir] of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

/**
 * Registers a plugin process so that it is killed (and its socket directory
 * removed) when this process exits, however it exits. Returns the
 * unregister function.
 */
export function trackChild(child: ChildProcess, socketDir: string): () => void {
  if (!hooked) {
    hooked = true;
    process.once('exit', reapAll);
  }
  live.set(child, socketDir);
  return () => {
    live.delete(child);
  };
}
