import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link waitFor}. */
export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal;
  /** What is awaited, for the timeout error ("instance i-123 to become running"). */
  what: string;
}

/**
 * Polls `check` until it returns a value (not undefined), throws, the time
 * runs out or the signal aborts. The first check is immediate.
 */
export async function waitFor<T>(check: () => Promise<T | undefined>, o: WaitOptions): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    o.signal.throwIfAborted();
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() + o.intervalMs > deadline)
      throw new Error(`Timed out after ${Math.round(o.timeoutMs / 1000)}s waiting for ${o.what}`);
    await sleep(o.intervalMs, undefined, { signal: o.signal });
  }
}
