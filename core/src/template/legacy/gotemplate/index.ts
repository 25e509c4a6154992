/** A small Go text/template interpreter for Packer's legacy JSON strings. */
export * from './ast.js';
export * from './evaluate.js';
export * from './functions.js';
export * from './parse.js';
