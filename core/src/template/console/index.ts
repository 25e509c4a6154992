/** `kiln console`: evaluating expressions against a loaded configuration. */
export * from './console-evaluator.js';
