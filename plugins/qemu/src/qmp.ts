import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A client of QEMU's machine protocol (QMP) on a unix socket: one command
 * at a time, replies in order, events ignored. Written here because QMP is
 * a line of JSON each way and no maintained Node.js client exists.
 */
export interface QmpClient {
  /** Runs a QMP command; rejects with QEMU's error description. */
  command<T = unknown>(execute: string, args?: Record<string, unknown>): Promise<T>;
  /** Runs a human monitor command (savevm, ...); rejects when QEMU prints an error. */
  hmp(commandLine: string): Promise<string>;
  close(): void;
}

interface QmpMessage {
  QMP?: unknown;
  event?: string;
  return?: unknown;
  error?: { class: string; desc: string };
}

/** Connects to the QMP socket at `path`, retrying until it appears (QEMU is starting) or `timeoutMs` passes. */
export async function connectQmp(
  path: string,
  options: { timeoutMs?: number; alive?: () => string | undefined; signal?: AbortSignal } = {},
): Promise<QmpClient> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const dead = options.alive?.();
    if (dead) throw new Error(dead);
    try {
      return await open(path);
    } catch (e) {
      if (options.signal?.aborted || Date.now() > deadline)
        throw new Error(`Cannot connect to QEMU's monitor (${path}): ${(e as Error).message}`);
      await sleep(100, undefined, options.signal ? { signal: options.signal } : undefined);
    }
  }
}

async function open(path: string): Promise<QmpClient> {
  const sock: Socket = connect(path);
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  let buffer = '';
  let failure: Error | undefined;
  const queue: QmpMessage[] = [];
  const waiting: { resolve: (m: QmpMessage) => void; reject: (e: Error) => void }[] = [];
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  sock.on('data', (chunk) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (!line) continue;
      const message = JSON.parse(line) as QmpMessage;
      if (message.event) continue;
      const w = waiting.shift();
      if (w) w.resolve(message);
      else queue.push(message);
    }
  });
  sock.on('error', (e) => fail(e));
  sock.on('close', () => fail(new Error('QEMU closed its monitor')));
  const next = () =>
    queue.length
      ? Promise.resolve(queue.shift()!)
      : failure
        ? Promise.reject(failure)
        : new Promise<QmpMessage>((resolve, reject) => waiting.push({ resolve, reject }));
  const command = async <T>(execute: string, args?: Record<string, unknown>): Promise<T> => {
    const reply = next();
    sock.write(`${JSON.stringify({ execute, ...(args ? { arguments: args } : {}) })}\n`);
    const m = await reply;
    if (m.error) throw new Error(`${execute}: ${m.error.desc}`);
    return m.return as T;
  };
  await next(); // the greeting
  await command('qmp_capabilities');
  return {
    command,
    async hmp(commandLine) {
      const out = await command<string>('human-monitor-command', { 'command-line': commandLine });
      if (/^Error|error:/im.test(out)) throw new Error(`${commandLine}: ${out.trim()}`);
      return out;
    },
    close() {
      sock.destroy();
    },
  };
}
