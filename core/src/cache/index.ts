/** The step cache (kiln build -cache, kiln cache): keys, per-build planning, pruning. */
export * from './build-cache.js';
export * from './cap.js';
export * from './prune.js';
export * from './step-keys.js';
