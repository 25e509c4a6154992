/** The run facade: a template loaded with its components, validated and built. */
export * from './open-run.js';
export * from './run-options.js';
export * from './run-registry.js';
