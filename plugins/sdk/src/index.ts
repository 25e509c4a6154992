/**
 * @kiln/plugin-sdk: everything needed to write a Kiln plugin, and the plain
 * interfaces core's built-in components implement too.
 */
export * from './communicator.js';
export * from './component.js';
export * from './decode.js';
export * from './diagnostics.js';
export * from './duration.js';
export * from './exclude.js';
export * from './go-time.js';
export * from './launch/index.js';
export * from './leftovers.js';
export * as rpc from './rpc/index.js';
export * from './schema.js';
export * from './serve/index.js';
export * as ssh from './ssh/index.js';
export * from './step-cache.js';
export * from './steps.js';
export * from './suggest.js';
export * from './transfer/index.js';
export * from './ui.js';
