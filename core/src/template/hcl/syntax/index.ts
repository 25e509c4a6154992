/** HCL2 native syntax: Kiln's syntax tree and the parser that produces it. */
export * from './ast.js';
export * from './parse.js';
