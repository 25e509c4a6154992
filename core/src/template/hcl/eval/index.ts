/** HCL2 evaluation: the value model, conversion, the expression evaluator and dynamic blocks. */
export * from './console-format.js';
export * from './convert.js';
export * from './dynamic-blocks.js';
export * from './evaluate.js';
export * from './js.js';
export * from './number-format.js';
export * from './parse-expression.js';
export * from './scope.js';
export * from './type-expr.js';
export * from './types.js';
export * from './unify.js';
export * from './value.js';
export * from './value-marks.js';
