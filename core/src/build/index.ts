/** The build runner: prepares every build's components, runs builds in parallel, post-processes. */
export * from './artifact-list.js';
export * from './data-sources.js';
export * from './hook.js';
export * from './matches.js';
export * from './no-communicator.js';
export * from './post-process.js';
export * from './prepare.js';
export * from './run-build.js';
export * from './run-builds.js';
export * from './types.js';
