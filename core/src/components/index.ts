/** The component registry: built-ins and plugin packages, by type. */
export * from './builtin-set.js';
export * from './component-set.js';
export * from './installed-plugins.js';
export * from './plugin-package.js';
export * from './protocol.js';
export * from './registry.js';
export * from './unknown-type.js';
export * from './workspace-plugins.js';
