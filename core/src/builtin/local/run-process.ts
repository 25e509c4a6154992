import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { abortError } from '../shared/abort.js';

/** A process to run on this host. */
export interface LocalProcess {
  argv: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: Readable;
  stdout?: (chunk: Buffer) => void;
  stderr?: (chunk: Buffer) => void;
}

/**
 * Runs a process in its own process group and resolves with its exit status
 * (128 + n when a signal ended it). Rejects when it cannot start, and when
 * `signal` aborts (the whole group is killed first).
 */
export function runProcess(proc: LocalProcess, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const [file, ...args] = proc.argv;
    if (!file) return reject(new Error('empty command'));
    const child = spawn(file, args, {
      cwd: proc.cwd,
      env: proc.env ?? process.env,
      stdio: [proc.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const onAbort = () => kill();
    signal?.addEventListener('abort', onAbort, { once: true });
    // A stdin source that fails fails the command (it saw a truncated input);
    // the command's own early exit (EPIPE on its stdin) does not.
    let stdinError: Error | undefined;
    if (proc.stdin && child.stdin) {
      const input = child.stdin;
      input.on('error', () => {});
      proc.stdin.once('error', (e: Error) => {
        stdinError = e;
        input.end();
      });
      proc.stdin.pipe(input);
    }
    child.stdout?.on('data', (c: Buffer) => proc.stdout?.(c));
    child.stderr?.on('data', (c: Buffer) => proc.stderr?.(c));
    child.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(abortError(signal));
      if (stdinError) return reject(new Error(`reading the command's stdin failed: ${stdinError.message}`));
      if (code !== null) return resolve(code);
      const n = sig ? ((osSignals()[sig] as number | undefined) ?? 0) : 0;
      resolve(128 + n);
    });
  });
}

function osSignals(): Record<string, number> {
  return constants.signals as unknown as Record<string, number>;
}
