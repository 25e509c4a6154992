import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ProbeResult, QemuDriver, VmProcess, VmStartOptions } from './driver.js';

const live = new Set<ChildProcess>();

/**
 * util-linux's setpriv, when present: QEMU then gets SIGKILL from the kernel
 * when the plugin process dies, even by SIGKILL (PR_SET_PDEATHSIG).
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
let exitHookInstalled = false;

/** Kills every VM still running when the plugin process exits, however it exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

/** The real driver: spawns qemu-system-* and qemu-img. */
export class ProcessQemuDriver implements QemuDriver {
  qemuImg(args: string[], signal?: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'qemu-img',
        args,
        { ...(signal ? { signal } : {}), maxBuffer: 16 << 20 },
        (err, stdout, stderr) => {
          if (err) {
            const code = (err as NodeJS.ErrnoException).code;
            reject(
              new Error(
                code === 'ENOENT'
                  ? 'qemu-img was not found on PATH (install qemu-utils)'
                  : `qemu-img ${args.join(' ')} failed: ${stderr.trim() || err.message}`,
              ),
            );
          } else resolve(stdout);
        },
      );
    });
  }

  async makeFloppy(
    image: string,
    label: string,
    files: string[],
    dirs: string[],
    signal?: AbortSignal,
  ): Promise<void> {
    const run = (cmd: string, args: string[]) =>
      new Promise<void>((resolve, reject) => {
        execFile(cmd, args, { ...(signal ? { signal } : {}) }, (err, _out, stderr) => {
          if (!err) return resolve();
          const code = (err as NodeJS.ErrnoException).code;
          reject(
            new Error(
              code === 'ENOENT'
                ? `${cmd} was not found on PATH: floppy_files needs mtools (apt-get install mtools)`
                : `${cmd} ${args.join(' ')} failed: ${stderr.trim() || err.message}`,
            ),
          );
        });
      });
    await run('mformat', ['-C', '-f', '1440', '-v', label, '-i', image, '::']);
    for (const f of files) await run('mcopy', ['-i', image, '-o', f, '::/']);
    for (const d of dirs) await run('mcopy', ['-i', image, '-s', '-o', d, '::/']);
  }

  probe(binary: string, args: string[], timeoutMs: number): Promise<ProbeResult> {
    return new Promise((resolve) => {
      const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let timedOut = false;
      const add = (c: Buffer) => {
        output = (output + c.toString()).slice(-2000);
      };
      child.stdout.on('data', add);
      child.stderr.on('data', add);
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        resolve({ code: null, timedOut: false, output: e.message });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, timedOut, output: output.trim() });
      });
    });
  }

  async start(
    binary: string,
    args: string[],
    log: (line: string) => void,
    options: VmStartOptions = {},
  ): Promise<VmProcess> {
    installExitHook();
    const spawnOptions = {
      stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.marks },
      detached: options.mayOutlive === true,
    };
    const child =
      SETPRIV && !options.mayOutlive
        ? spawn(SETPRIV, ['--pdeathsig', 'KILL', '--', binary, ...args], spawnOptions)
        : spawn(binary, args, spawnOptions);
    let stderr = '';
    let reason: string | undefined;
    const collect = (c: Buffer) => {
      const text = c.toString();
      stderr = (stderr + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) log(`qemu: ${line}`);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('exit', (code, signal) => {
        live.delete(child);
        reason = `QEMU exited ${signal ? `on signal ${signal}` : `with status ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-5).join('\n')}` : ''}`;
        resolve({ code, signal });
      });
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'ENOENT' ? new Error(`${binary} was not found on PATH (install qemu-system-x86)`) : e,
        ),
      );
    });
    live.add(child);
    return {
      pid: child.pid!,
      exited,
      exitReason: () => reason,
      async kill() {
        if (reason !== undefined) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      },
      release() {
        live.delete(child);
        child.stdout.destroy();
        child.stderr.destroy();
        child.unref();
      },
    };
  }
}
