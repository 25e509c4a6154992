import { readdirSync, readFileSync } from 'node:fs';

/** A process, identified by pid and start time so that a reused pid is not mistaken for it. */
export interface ProcessRef {
  pid: number;
  startTime: string;
  command: string;
}

interface StatLine extends ProcessRef {
  ppid: number;
  state: string;
}

function readStat(pid: number): StatLine | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < 0) return undefined;
  const rest = text.slice(close + 2).split(' ');
  return {
    pid,
    command: text.slice(open + 1, close),
    state: rest[0] ?? '',
    ppid: Number(rest[1]),
    startTime: rest[19] ?? '',
  };
}

/** Whether /proc can be read here (Linux); without it the leak checks are not run. */
export function canInspectProcesses(): boolean {
  return readStat(process.pid) !== undefined;
}

/** The process and all its descendants, as they are now (empty when it is gone). */
export function processTree(rootPid: number): ProcessRef[] {
  const root = readStat(rootPid);
  if (!root) return [];
  const children = new Map<number, StatLine[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const st = readStat(Number(entry));
    if (!st) continue;
    const list = children.get(st.ppid) ?? [];
    list.push(st);
    children.set(st.ppid, list);
  }
  const out: ProcessRef[] = [];
  const queue: StatLine[] = [root];
  while (queue.length > 0) {
    const p = queue.shift()!;
    out.push({ pid: p.pid, startTime: p.startTime, command: p.command });
    queue.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/**
 * Running processes whose environment holds `entry` ("NAME=value"): finds a
 * plugin's descendants even after they were orphaned, as long as they kept
 * the environment they inherited.
 */
export function processesWithEnv(entry: string): ProcessRef[] {
  const needle = Buffer.from(`\0${entry}\0`);
  const out: ProcessRef[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let env: Buffer;
    try {
      env = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${name}/environ`)]);
    } catch {
      continue;
    }
    if (!env.includes(needle)) continue;
    const st = readStat(Number(name));
    if (st && st.state !== 'Z' && st.state !== 'X')
      out.push({ pid: st.pid, startTime: st.startTime, command: st.command });
  }
  return out;
}

/** True while the process runs (a zombie is not running). */
export function isRunning(ref: ProcessRef): boolean {
  const st = readStat(ref.pid);
  return st !== undefined && st.startTime === ref.startTime && st.state !== 'Z' && st.state !== 'X';
}
