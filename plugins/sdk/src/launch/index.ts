/** Starting plugin processes: used by core's plugin host and by the conformance kit. */
export * from './errors.js';
export * from './launch.js';
export * from './stale-temp.js';
