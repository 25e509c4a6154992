import type { FunctionTable } from '../../functions/spec.js';
import type { Value } from './value.js';

/**
 * What an expression can see: root variables (var, local, source, path,
 * packer, build, data, each ...) and functions. Scopes are immutable; for
 * expressions and dynamic blocks evaluate in a child scope.
 */
export interface EvalScope {
  readonly variables: ReadonlyMap<string, Value>;
  readonly functions: FunctionTable;
}

/** Builds a scope from a plain record of root variables. */
export function makeScope(
  variables: Record<string, Value> | ReadonlyMap<string, Value>,
  functions: FunctionTable,
): EvalScope {
  return { variables: variables instanceof Map ? variables : new Map(Object.entries(variables)), functions };
}

/** A scope with more (or shadowing) root variables. */
export function childScope(parent: EvalScope, extra: Record<string, Value>): EvalScope {
  const vars = new Map(parent.variables);
  for (const [k, v] of Object.entries(extra)) vars.set(k, v);
  return { variables: vars, functions: parent.functions };
}
