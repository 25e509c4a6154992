/** Template diagnostics: positions, source excerpts, text and JSON rendering. */
export * from './line-index.js';
export * from './render-json.js';
export * from './render-text.js';
export * from './source-cache.js';
