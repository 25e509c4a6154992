import type { StepCacheStore } from '@kiln/plugin-sdk';
import type { PreparedBuild } from '../build/types.js';
import { formatSize } from './build-cache.js';
import { DEFAULT_MAX_SIZE, entriesToPrune } from './prune.js';

/**
 * Holds the step caches the builds used to the size cap: the oldest entries
 * go until the rest fit. Says what it removed; a store that cannot be read
 * is reported, never an error of the run.
 */
export async function capStepCaches(
  builds: PreparedBuild[],
  maxSizeBytes: number | undefined,
  say: (text: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const cap = maxSizeBytes ?? DEFAULT_MAX_SIZE;
  if (cap <= 0) return;
  const stores = new Set<StepCacheStore>();
  for (const b of builds) if (b.prepared.stepCache?.store) stores.add(b.prepared.stepCache.store);
  for (const store of stores) {
    try {
      const { entries } = await store.list(signal);
      const drop = entriesToPrune(entries, { maxSizeBytes: cap });
      if (drop.length === 0) continue;
      const { removed } = await store.remove(drop, signal);
      const freed = drop.reduce((n, e) => n + e.sizeBytes, 0);
      say(
        `Step cache: removed ${removed.length} old entr${removed.length === 1 ? 'y' : 'ies'} (${formatSize(freed)}) to stay under ${formatSize(cap)}`,
      );
    } catch (error) {
      if (signal.aborted) return;
      say(`Step cache: could not hold the cache to ${formatSize(cap)}: ${(error as Error).message}`);
    }
  }
}
