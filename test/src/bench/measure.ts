import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
