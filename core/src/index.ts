/** @kiln/core: templates, build planning, plugin host, plugin install, the build runner and the run facade. */

export * from './build/index.js';
export * from './builtin/index.js';
export * from './cache/index.js';
export * from './components/index.js';
export * from './config/index.js';
export * from './execute/index.js';
export * from './install/index.js';
export * from './log.js';
export * from './packer-bridge/index.js';
export * from './plugin-host/index.js';
export * from './run/index.js';
export * from './template/index.js';
export * from './ui/index.js';
