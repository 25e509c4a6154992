import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { PluginInstallError } from './install-error.js';

/**
 * Runs `fn` holding the plugin directory's install lock, so that concurrent
 * `kiln init`s on one machine install one after the other (the second finds
 * what the first installed). Waits up to `waitMs` for the lock.
 */
export async function withPluginDirLock<T>(root: string, fn: () => Promise<T>, waitMs = 600_000): Promise<T> {
  await mkdir(root, { recursive: true });
  const lockfilePath = join(root, '.install.lock');
  const interval = 200;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(root, {
      lockfilePath,
      stale: 30_000,
      update: 5_000,
      retries: {
        retries: Math.ceil(waitMs / interval),
        factor: 1,
        minTimeout: interval,
        maxTimeout: interval,
      },
    });
  } catch (error) {
    throw new PluginInstallError(
      `another kiln is installing plugins into ${root} and did not finish within ${Math.round(waitMs / 1000)}s (lock: ${lockfilePath}): ${(error as Error).message}`,
    );
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
