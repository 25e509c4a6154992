/** A bounded wait ran out. */
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not happen within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Resolves like `p`, or rejects with a {@link TimeoutError} after `ms`. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Whether `p` settles within `ms`; never rejects. */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  try {
    await within(
      p.then(
        () => {},
        () => {},
      ),
      ms,
      'settle',
    );
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every 50 ms until it holds or `ms` pass; returns whether it held. */
export async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() >= end) return false;
    await sleep(50);
  }
  return true;
}

/** A timer that can be cleared, so that a race against it keeps nothing alive afterwards. */
export function timer(ms: number): { elapsed: Promise<void>; clear(): void } {
  let handle: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((r) => {
    handle = setTimeout(r, ms);
  });
  return { elapsed, clear: () => clearTimeout(handle) };
}
