import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real kiln binary. */
export const kilnBin = fileURLToPath(new URL('../../../cli/bin/run.js', import.meta.url));

/** What a kiln run printed and how it ended. */
export interface KilnRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Starts kiln in `cwd`; `onStdout` sees output as it arrives. */
export function startKiln(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<KilnRun>; stdout: () => string } {
  const child = spawn(process.execPath, [kilnBin, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', KILN_LOG: '', PACKER_LOG: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const done = new Promise<KilnRun>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal });
    });
  });
  return { child, done, stdout: () => stdout };
}

/** Runs kiln to the end. */
export function kiln(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<KilnRun> {
  return startKiln(args, cwd, env).done;
}

/** A temporary directory holding `files`, removed after `fn`. */
export async function withTemplate<T>(
  files: Record<string, string | object>,
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-e2e-cli-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      await writeFile(
        join(dir, name),
        typeof content === 'string' ? content : JSON.stringify(content, null, 2),
      );
    }
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Waits until `pred` holds, or fails after `ms`. */
export async function waitFor(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** No stack trace lines ("    at f (file:1:2)"). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]\d+/m.test(text);
}
