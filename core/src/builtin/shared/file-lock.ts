import { lock } from 'proper-lockfile';

const inProcess = new Map<string, Promise<void>>();

/**
 * Runs `fn` holding an exclusive lock on `path` (which need not exist yet):
 * serialised within this process, and across processes with a lock file
 * beside it. Parallel builds appending to one manifest use this.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const previous = inProcess.get(path) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => {
    release = r;
  });
  const chained = previous.then(() => mine);
  inProcess.set(path, chained);
  await previous;
  try {
    const unlock = await lock(path, {
      realpath: false,
      retries: { retries: 20, minTimeout: 50, maxTimeout: 500 },
    });
    try {
      return await fn();
    } finally {
      await unlock();
    }
  } finally {
    release();
    if (inProcess.get(path) === chained) inProcess.delete(path);
  }
}
