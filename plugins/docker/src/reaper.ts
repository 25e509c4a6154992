import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** The label that ties a container to the process that made it. */
export const REAPER_LABEL = 'io.kiln.reaper';

/**
 * Ties containers to this process's life: a detached watchdog process holds
 * a pipe from us and, when it reads EOF (we exited, crashed or were killed
 * with SIGKILL), removes every container carrying our label.
 */
export interface Reaper {
  /** Labels to put on every container this process creates. */
  labels(): Record<string, string>;
  /** Starts the watchdog if it is not running yet. */
  ensureStarted(): void;
}

class ProcessReaper implements Reaper {
  private readonly token = randomUUID();
  private child: ChildProcess | undefined;

  labels(): Record<string, string> {
    return { [REAPER_LABEL]: this.token };
  }

  ensureStarted(): void {
    if (this.child && this.child.exitCode === null) return;
    const main = fileURLToPath(new URL('./reaper-main.js', import.meta.url));
    const child = spawn(process.execPath, [main, this.token], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: process.env,
    });
    child.on('error', () => {});
    child.stdin?.on('error', () => {});
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    child.unref();
    this.child = child;
  }
}

let shared: Reaper | undefined;

/** The reaper of this process (one watchdog per plugin process). */
export function processReaper(): Reaper {
  shared ??= new ProcessReaper();
  return shared;
}
