/** Running plugin processes and serving core's side of the plugin contract. */
export * from './core-server.js';
export * from './crashed-error.js';
export * from './plugin-host.js';
export * from './plugin-leftovers.js';
export * from './plugin-spec.js';
export * from './plugin-starter.js';
export * from './plugin-step-caches.js';
export * from './reattach.js';
export * from './remote-plugin.js';
