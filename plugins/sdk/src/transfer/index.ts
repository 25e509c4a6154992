export * from './atomic-file.js';
export * from './source-guard.js';
export * from './tar-entries.js';
export * from './temp-name.js';
export * from './write-chunk.js';
