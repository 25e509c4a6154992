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

/** A scope with more (or shadowing) root variables; the parent's are not copied. */
export function childScope(parent: EvalScope, extra: Record<string, Value>): EvalScope {
  return { variables: new LayeredVariables(parent.variables, extra), functions: parent.functions };
}

/** Root variables of a child scope: its own, then its parent's. */
class LayeredVariables implements ReadonlyMap<string, Value> {
  constructor(
    private readonly parent: ReadonlyMap<string, Value>,
    private readonly own: Record<string, Value>,
  ) {}

  get(key: string): Value | undefined {
    return Object.hasOwn(this.own, key) ? this.own[key] : this.parent.get(key);
  }
  has(key: string): boolean {
    return Object.hasOwn(this.own, key) || this.parent.has(key);
  }
  get size(): number {
    return this.merged().size;
  }
  forEach(cb: (value: Value, key: string, map: ReadonlyMap<string, Value>) => void): void {
    for (const [k, v] of this.merged()) cb(v, k, this);
  }
  entries(): MapIterator<[string, Value]> {
    return this.merged().entries();
  }
  keys(): MapIterator<string> {
    return this.merged().keys();
  }
  values(): MapIterator<Value> {
    return this.merged().values();
  }
  [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.entries();
  }
  private merged(): Map<string, Value> {
    const m = new Map(this.parent);
    for (const [k, v] of Object.entries(this.own)) m.set(k, v);
    return m;
  }
}
