export * from './model.js';
export * from './source-range.js';
