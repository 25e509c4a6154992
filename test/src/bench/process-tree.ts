import { readdirSync, readFileSync } from 'node:fs';
import { rssKiB } from './measure.js';

/** The pids of a process's descendants (children, grandchildren, ...), from /proc. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const c of children.split(' ').filter(Boolean).map(Number)) {
        out.push(c);
        visit(c);
      }
    }
  };
  visit(pid);
  return out;
}

/** The command line of a process ('' when it is gone). */
export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Samples peak RSS of a process and of its descendants grouped by a label
 * derived from their command lines, every 10 ms, until stopped.
 */
export function sampleTree(
  pid: number,
  label: (cmd: string) => string | undefined,
): () => Map<string, number> {
  const peaks = new Map<string, number>([['main', 0]]);
  const timer = setInterval(() => {
    peaks.set('main', Math.max(peaks.get('main')!, rssKiB(pid)));
    for (const d of descendants(pid)) {
      const l = label(cmdline(d));
      if (l) peaks.set(l, Math.max(peaks.get(l) ?? 0, rssKiB(d)));
    }
  }, 10);
  return () => {
    clearInterval(timer);
    return peaks;
  };
}
