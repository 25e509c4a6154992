import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundleOrCompiled } from '@kiln/plugin-sdk/bundle';

/** The label that ties a container to the process that made it. */
export const REAPER_LABEL = 'io.kiln.reaper';

/** Where the plugin makes its temporary directories. */
export function tempRoot(): string {
  return process.env.KILN_TMPDIR ?? tmpdir();
}

/**
 * Ties containers and temporary directories to this process's life: a
 * detached watchdog process holds a pipe from us and, when it reads EOF (we
 * exited, crashed or were killed with SIGKILL), removes every container
 * carrying our label and every directory in {@link tempRoot} whose name
 * starts with our prefix.
 */
export interface Reaper {
  /** Labels to put on every container this process creates. */
  labels(): Record<string, string>;
  /** The name prefix for temporary directories the watchdog must remove. */
  tempPrefix(): string;
  /** Starts the watchdog if it is not running yet. */
  ensureStarted(): void;
  /**
   * Tells the watchdog to leave a container (by id) or a temporary directory
   * (by path) when the plugin exits: -on-error=abort keeps what a failed
   * build made for `kiln cleanup` to remove later.
   */
  keep(what: { container?: string; dir?: string }): void;
}

class ProcessReaper implements Reaper {
  private readonly token = randomUUID();
  private child: ChildProcess | undefined;

  labels(): Record<string, string> {
    return { [REAPER_LABEL]: this.token };
  }

  tempPrefix(): string {
    return `kiln-docker-${this.token.slice(0, 8)}-`;
  }

  ensureStarted(): void {
    if (this.child && this.child.exitCode === null) return;
    // dist/reaper.bundle.cjs (scripts/bundle.mjs: dockerode inside, as a
    // self-contained package needs) unless the compiled files are newer.
    const main = fileURLToPath(
      bundleOrCompiled(
        new URL('./reaper.bundle.cjs', import.meta.url),
        new URL('./reaper-main.js', import.meta.url),
        [new URL('../tsconfig.tsbuildinfo', import.meta.url)],
      ),
    );
    const child = spawn(process.execPath, [main, this.token, tempRoot(), this.tempPrefix()], {
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

  keep(what: { container?: string; dir?: string }): void {
    const lines = [
      ...(what.container ? [`keep-container ${what.container}`] : []),
      ...(what.dir ? [`keep-dir ${what.dir}`] : []),
    ];
    if (lines.length) this.child?.stdin?.write(`${lines.join('\n')}\n`);
  }
}

let shared: Reaper | undefined;

/** The reaper of this process (one watchdog per plugin process). */
export function processReaper(): Reaper {
  shared ??= new ProcessReaper();
  return shared;
}
