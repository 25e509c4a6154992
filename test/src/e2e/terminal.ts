import { spawn, spawnSync } from 'node:child_process';
import { kilnBin } from './cli-helpers.js';

/** kiln running on a pseudo-terminal (util-linux's script(1)): stdin is a terminal, as for a user. */
export interface TerminalRun {
  /** Everything the terminal showed so far (carriage returns removed). */
  output(): string;
  /** Types text (a newline is Enter). */
  type(text: string): void;
  done: Promise<number | null>;
  kill(): void;
}

/** Fails with what to install when script(1) is missing. */
export function requireScript(): void {
  if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0)
    throw new Error('needs script(1) from util-linux for a pseudo-terminal (apt-get install bsdutils)');
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts `kiln ARGS` in `cwd` on a pseudo-terminal. */
export function kilnOnTerminal(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): TerminalRun {
  const command = [process.execPath, kilnBin, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', KILN_LOG: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const add = (c: Buffer) => {
    out += c.toString().replace(/\r/g, '');
  };
  child.stdout.on('data', add);
  child.stderr.on('data', add);
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  return {
    output: () => out,
    type: (text) => child.stdin.write(text),
    done,
    kill: () => child.kill('SIGKILL'),
  };
}

const PROMPT = /Pausing ([^\n]*?)\. Press enter to continue\./g;
const STEP_PAUSE = /^(after run of|before cleanup of) step '([^']+)'$/;

/**
 * Presses Enter at each -debug prompt until the run ends; returns the step
 * pauses in order ("after run of x", "before cleanup of x"). `atPause` runs
 * at each prompt before Enter is pressed, with its step pause ("" for a
 * provisioner's pause).
 */
export async function pressEnterAtEachPause(
  run: TerminalRun,
  atPause: (pause: string) => void | Promise<void> = () => {},
): Promise<{ pauses: string[]; code: number | null }> {
  let answered = 0;
  let code: number | null | undefined;
  run.done.then((c) => {
    code = c;
  });
  for (;;) {
    const prompts = [...run.output().matchAll(PROMPT)].map((m) => {
      const step = STEP_PAUSE.exec(m[1] ?? '');
      return step ? `${step[1]} ${step[2]}` : '';
    });
    const pauses = prompts.filter(Boolean);
    if (prompts.length > answered) {
      await atPause(prompts[answered] ?? '');
      answered++;
      run.type('\n');
      continue;
    }
    if (code !== undefined) return { pauses, code };
    await new Promise((r) => setTimeout(r, 50));
  }
}
