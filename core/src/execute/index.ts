/** Executors: where a run's builds run (this process, or a distributed engine). */
export * from './create-executor.js';
export * from './executor.js';
export * from './local-executor.js';
export * from './remote-leftovers.js';
