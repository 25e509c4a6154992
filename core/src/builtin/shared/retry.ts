import { sleep } from './abort.js';

/** Options of {@link retryUntil}. */
export interface RetryOptions {
  /** Give up after this long (ms) since the first attempt. */
  timeoutMs: number;
  /** Pause between attempts (ms). */
  delayMs?: number;
  signal?: AbortSignal;
  /** Called with each failure that will be retried. */
  onRetry?: (err: unknown) => void;
}

/**
 * Runs `fn` until it succeeds or `timeoutMs` has passed (Packer's
 * start_retry_timeout): the machine may still be booting or rebooting.
 * Cancellation is never retried.
 */
export async function retryUntil<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (opts.signal?.aborted || Date.now() + (opts.delayMs ?? 2000) > deadline) throw err;
      opts.onRetry?.(err);
      await sleep(opts.delayMs ?? 2000, opts.signal);
    }
  }
}
