/** Build output in Packer's shapes: human, -machine-readable, and JSON lines. */
export * from './ask.js';
export * from './build-ui.js';
export * from './colors.js';
export * from './create-output.js';
export * from './duration.js';
export * from './events.js';
export * from './human-output.js';
export * from './json-output.js';
export * from './machine-output.js';
export * from './machine-readable.js';
export * from './prefix.js';
export * from './progress.js';
