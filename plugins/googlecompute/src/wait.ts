import { setTimeout as sleep } from 'node:timers/promises';
import type { ComputeDriver, Operation } from './driver.js';

/** How often an operation is polled: quickly at first, then every 2 s. */
const INTERVALS_MS = [250, 500, 1000, 2000];

/** The last part of a resource URL ("https://.../zones/us-central1-a" -> "us-central1-a"). */
export const lastPart = (url: string | null | undefined) => (url ?? '').split('/').pop() ?? '';

/**
 * Waits until an operation is DONE, polling it; an operation that ends with
 * errors throws their messages. Gives up after `timeoutMs`; an abort ends
 * the wait at once (the operation itself goes on at Google).
 */
export async function waitOperation(
  driver: ComputeDriver,
  started: Operation,
  o: { timeoutMs: number; signal: AbortSignal; what: string },
): Promise<Operation> {
  const zone = started.zone ? lastPart(started.zone) : undefined;
  const deadline = Date.now() + o.timeoutMs;
  let op = started;
  for (let i = 0; ; i++) {
    if (String(op.status) === 'DONE') {
      const errors = op.error?.errors ?? [];
      if (errors.length)
        throw new Error(
          `${o.what} failed: ${errors.map((e) => `${e.message ?? e.code}${e.code ? ` (${e.code})` : ''}`).join('; ')}`,
        );
      return op;
    }
    o.signal.throwIfAborted();
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${Math.round(o.timeoutMs / 1000)}s waiting for ${o.what} (operation ${op.name})`,
      );
    await sleep(INTERVALS_MS[Math.min(i, INTERVALS_MS.length - 1)], undefined, { signal: o.signal });
    op = await driver.getOperation(op.name ?? '', zone);
  }
}

/** Polls `check` until it returns a value, the time runs out or the signal aborts. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  o: { timeoutMs: number; signal: AbortSignal; what: string },
): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  for (let i = 0; ; i++) {
    o.signal.throwIfAborted();
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${Math.round(o.timeoutMs / 1000)}s waiting for ${o.what}`);
    await sleep(INTERVALS_MS[Math.min(i, INTERVALS_MS.length - 1)], undefined, { signal: o.signal });
  }
}
