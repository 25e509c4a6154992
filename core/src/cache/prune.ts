import { parseDuration, type StepCacheEntry } from '@kiln/plugin-sdk';

/** The step cache's size cap when neither KILN_CACHE_MAX_SIZE nor -max-size says otherwise. */
export const DEFAULT_MAX_SIZE = 10 * 1000 ** 3;

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** "10GB", "500 MiB", "0" in bytes; undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  return m && unit !== undefined ? Math.round(Number(m[1]) * unit) : undefined;
}

/** "72h", "30m", "7d" in milliseconds; undefined when it is not a duration. */
export function parseAge(text: string): number | undefined {
  const days = /^\s*(\d+(?:\.\d+)?)d\s*$/.exec(text);
  if (days) return Number(days[1]) * 86_400_000;
  const ms = parseDuration(text);
  return ms !== undefined && ms >= 0 ? ms : undefined;
}

/** What to prune: entries older than `olderThanMs`, then the oldest until the rest fit in `maxSizeBytes`. */
export interface PrunePolicy {
  olderThanMs?: number;
  maxSizeBytes?: number;
  now?: number;
}

const createdMs = (e: StepCacheEntry) => Date.parse(e.createdAt) || 0;

/**
 * The entries a prune removes: those older than the limit, then, oldest
 * first, until what is left fits in the size cap.
 */
export function entriesToPrune(entries: StepCacheEntry[], policy: PrunePolicy): StepCacheEntry[] {
  const now = policy.now ?? Date.now();
  const remove = new Set<StepCacheEntry>();
  for (const e of entries) {
    if (policy.olderThanMs !== undefined && now - createdMs(e) > policy.olderThanMs) remove.add(e);
  }
  if (policy.maxSizeBytes !== undefined) {
    const kept = entries.filter((e) => !remove.has(e)).sort((a, b) => createdMs(a) - createdMs(b));
    let total = kept.reduce((n, e) => n + e.sizeBytes, 0);
    for (const e of kept) {
      if (total <= policy.maxSizeBytes) break;
      remove.add(e);
      total -= e.sizeBytes;
    }
  }
  return entries.filter((e) => remove.has(e));
}
