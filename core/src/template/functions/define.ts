import type { Type } from '../hcl/eval/types.js';
import type { Value } from '../hcl/eval/value.js';
import { ArgumentFailure, FunctionError, type FunctionSpec, type ParamSpec } from './spec.js';

/** Shorthand for a parameter. */
export function param(name: string, type: Type, opts: Omit<ParamSpec, 'name' | 'type'> = {}): ParamSpec {
  return { name, type, ...opts };
}

/** Shorthand for a function spec. */
export function fn(
  params: ParamSpec[],
  returnType: FunctionSpec['returnType'],
  impl: (args: Value[]) => Value,
  variadic?: ParamSpec,
): FunctionSpec {
  return variadic ? { params, returnType, impl, variadic } : { params, returnType, impl };
}

/** Throws a FunctionError: reported as "Call to function "x" failed: <message>". */
export function fail(message: string): never {
  throw new FunctionError(message);
}

/** Throws an argument failure: reported as `Invalid value for "<parameter>" parameter: <message>`. */
export function failArg(index: number, message: string): never {
  throw new ArgumentFailure(index, message);
}
