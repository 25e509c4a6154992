import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Wall time and peak memory of one run of a command. */
export interface RunSample {
  ms: number;
  /** Peak resident set size of the process in KiB, sampled from /proc. */
  maxRssKiB: number;
  code: number | null;
}

/** Summary of repeated samples. */
export interface Stats {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/**
 * Runs a command once: wall time from spawn to exit, and the child's peak
 * RSS, sampled from /proc every 5 ms while it runs.
 */
export function runOnce(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunSample> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let peak = 0;
    const poll = setInterval(() => {
      peak = Math.max(peak, rssKiB(child.pid));
    }, 5);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-2000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 && process.env.KILN_BENCH_VERBOSE) process.stderr.write(stderr);
      resolve({ ms, maxRssKiB: peak, code });
    });
  });
}

/** Resident set size of a live process in KiB (0 when it is gone). */
export function rssKiB(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)/.exec(status);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs a command `n` times (after `warmup` unmeasured runs) and summarises wall time. */
export async function repeat(
  n: number,
  warmup: number,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stats: Stats; peakRssKiB: number; failures: number }> {
  for (let i = 0; i < warmup; i++) await runOnce(command, args, options);
  const samples: RunSample[] = [];
  for (let i = 0; i < n; i++) samples.push(await runOnce(command, args, options));
  return {
    stats: summarise(samples.map((s) => s.ms)),
    peakRssKiB: Math.max(...samples.map((s) => s.maxRssKiB)),
    failures: samples.filter((s) => s.code !== 0).length,
  };
}

/** Median, p90, min and max of a list of numbers. */
export function summarise(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, median: at(0.5), p90: at(0.9), min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

/** One run measured by GNU time: wall, CPU (user + system) and the peak RSS of the command's process. */
export interface TimedSample {
  ms: number;
  cpuMs: number;
  maxRssKiB: number;
  code: number | null;
}

/**
 * Runs a command once under /usr/bin/time (GNU time, Debian's `time`
 * package), which reports the CPU time and peak RSS the kernel accounted to
 * it: on a shared machine CPU time drifts much less than wall time.
 */
export function timedRun(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TimedSample> {
  const out = join(mkdtempSync(join(tmpdir(), 'kiln-bench-time-')), 'time');
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-o', out, '-f', '%U %S %M', command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      try {
        const last = readFileSync(out, 'utf8').trim().split('\n').at(-1) ?? '';
        const [user, sys, rss] = last.split(' ').map(Number);
        resolve({ ms, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, maxRssKiB: rss ?? 0, code });
      } catch (error) {
        reject(new Error(`/usr/bin/time wrote nothing for ${command} (apt-get install time): ${error}`));
      } finally {
        rmSync(dirname(out), { recursive: true, force: true });
      }
    });
  });
}

/** A command line for {@link paired}. */
export interface Cmd {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** What {@link paired} measured of one side. */
export interface PairSide {
  wall: Stats;
  cpu: Stats;
  peakRssKiB: number;
  failures: number;
}

/**
 * Runs A and B in turn (A B A B ...), `n` times each after `warmup` runs of
 * each, and gives both sides' wall and CPU times and the median of the
 * pair-by-pair wall ratios A/B: alternating keeps a drifting machine load
 * out of the comparison.
 */
export async function paired(
  n: number,
  warmup: number,
  a: Cmd,
  b: Cmd,
): Promise<{ a: PairSide; b: PairSide; ratio: Stats; cpuRatio: Stats }> {
  const run = (c: Cmd) => timedRun(c.command, c.args, { cwd: c.cwd, env: c.env });
  for (let i = 0; i < warmup; i++) {
    await run(a);
    await run(b);
  }
  const as: TimedSample[] = [];
  const bs: TimedSample[] = [];
  for (let i = 0; i < n; i++) {
    as.push(await run(a));
    bs.push(await run(b));
  }
  const side = (xs: TimedSample[]): PairSide => ({
    wall: summarise(xs.map((x) => x.ms)),
    cpu: summarise(xs.map((x) => x.cpuMs)),
    peakRssKiB: Math.max(...xs.map((x) => x.maxRssKiB)),
    failures: xs.filter((x) => x.code !== 0).length,
  });
  return {
    a: side(as),
    b: side(bs),
    ratio: summarise(as.map((x, i) => x.ms / bs[i]!.ms)),
    cpuRatio: summarise(as.map((x, i) => x.cpuMs / Math.max(1, bs[i]!.cpuMs))),
  };
}
