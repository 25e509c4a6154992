import { spawn } from 'node:child_process';

/** A program to run on this machine. */
export interface LocalCommand {
  argv: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Each line of stdout and stderr, without its line ending, as it arrives. */
  line(text: string, stream: 'stdout' | 'stderr'): void;
}

/** The program could not be started (not installed, not executable). */
export class NotStartedError extends Error {
  readonly code: string | undefined;
  constructor(file: string, cause: NodeJS.ErrnoException) {
    super(`cannot run ${file}: ${cause.code === 'ENOENT' ? 'not found' : cause.message}`);
    this.name = 'NotStartedError';
    this.code = cause.code;
  }
}

/**
 * Runs a program in its own process group and resolves with its exit status
 * (128 + signal number when killed). On abort the whole group gets SIGTERM,
 * then SIGKILL two seconds later, and the promise rejects once it is gone.
 */
export function runLocal(cmd: LocalCommand, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const [file, ...args] = cmd.argv;
    if (!file) return reject(new Error('empty command'));
    const child = spawn(file, args, {
      env: cmd.env ?? process.env,
      cwd: cmd.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {}
    };
    const onAbort = () => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), 2000);
      killTimer.unref();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const split = (stream: 'stdout' | 'stderr') => {
      let rest = '';
      return {
        data(chunk: Buffer) {
          const lines = (rest + chunk.toString('utf8')).split('\n');
          rest = lines.pop() ?? '';
          for (const l of lines) cmd.line(l.replace(/\r$/, ''), stream);
        },
        end() {
          if (rest !== '') cmd.line(rest, stream);
          rest = '';
        },
      };
    };
    const out = split('stdout');
    const err = split('stderr');
    child.stdout.on('data', out.data);
    child.stderr.on('data', err.data);
    child.on('error', (e: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      reject(new NotStartedError(file, e));
    });
    child.on('close', (code, sig) => {
      signal.removeEventListener('abort', onAbort);
      out.end();
      err.end();
      // Whatever the program left in its group goes with it.
      killGroup('SIGKILL');
      if (killTimer) clearTimeout(killTimer);
      if (signal.aborted) return reject(signal.reason);
      resolve(code ?? 128 + (sig === 'SIGKILL' ? 9 : sig === 'SIGTERM' ? 15 : sig === 'SIGINT' ? 2 : 0));
    });
  });
}
