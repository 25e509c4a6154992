/** The full name a plugin lists in Describe's services when it serves the step cache. */
export const STEP_CACHE_SERVICE = 'kiln.plugin.v1.StepCache';
/** The capability a builder lists in Describe when the plugin's step cache saves and restores its machines. */
export const STEP_CACHE_CAPABILITY = 'step_cache';

/** What core records with a step cache entry (for `kiln cache list`). */
export interface StepCacheEntryInfo {
  /** The template's path. */
  template: string;
  buildName: string;
  /** 1-based position of the provisioner in the build. */
  step: number;
  provisionerType: string;
  /** The run that saved it. */
  runId: string;
  /** The key of the entry this one was built on; empty for the first step. */
  parentKey: string;
}

/** One saved machine state. */
export interface StepCacheEntry {
  key: string;
  /** What the plugin stored it as (an image id, a file path). */
  id: string;
  /** Bytes it occupies; 0 when unknown. */
  sizeBytes: number;
  /** When it was saved, RFC 3339. */
  createdAt: string;
  builderType: string;
  info: StepCacheEntryInfo;
}

/**
 * A running build's machine, offered to the provision hook when the build
 * is cached: where it started from, and how to save its current state.
 */
export interface CacheableMachine {
  /** The entry the machine was started from; undefined when it started from scratch. */
  restoredKey?: string;
  /** Saves the machine's current state under `key` (the guest has finished the step). */
  save(key: string, info: StepCacheEntryInfo, signal: AbortSignal): Promise<StepCacheEntry>;
}

/** The step cache side of a prepared builder that supports it. */
export interface BuilderStepCache {
  /**
   * The identity of the machine's starting point (e.g. "docker-image:sha256:…"),
   * which begins the key chain; undefined when this build cannot be cached.
   */
  base(signal: AbortSignal): Promise<string | undefined>;
  /** The keys of `keys` that have an entry this builder can start from. */
  check(keys: string[], signal: AbortSignal): Promise<string[]>;
  /** Where the entries are kept, so that core can hold them to the size cap after a build. */
  store?: StepCacheStore;
}

/** A plugin's optional step cache store (`kiln cache`, and hit checks before a build). */
export interface StepCacheStore {
  /** The keys of `keys` that have an entry a build of `builderType` can start from. */
  check(builderType: string, keys: string[], signal: AbortSignal): Promise<string[]>;
  list(signal: AbortSignal): Promise<{ entries: StepCacheEntry[]; notes: string[] }>;
  remove(entries: StepCacheEntry[], signal: AbortSignal): Promise<{ removed: string[]; failed: string[] }>;
}
