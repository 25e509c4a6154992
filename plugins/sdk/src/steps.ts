/** Steps and the runner that applies the build policy (-debug, -on-error). */
export * from './steps/index.js';
