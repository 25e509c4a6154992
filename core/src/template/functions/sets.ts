import { convert } from '../hcl/eval/convert.js';
import { T, type Type } from '../hcl/eval/types.js';
import { unify } from '../hcl/eval/unify.js';
import { Value, valueKey } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const FIRST = param('first_set', T.set(T.dynamic));
const OTHERS = param('other_sets', T.set(T.dynamic));

function elemType(sets: Value[]): Type {
  const u = unify(sets.map((s) => (s.type as { elem: Type }).elem).filter((t) => t.kind !== 'dynamic'));
  if (!u) fail('given sets must all have compatible element types');
  return u;
}

function asSet(elems: Value[], t: Type): Value {
  return Value.set(
    elems.map((e) => convert(e, t)),
    t,
  );
}

/** setunion, setintersection, setproduct. */
export const setFunctions: Record<string, FunctionSpec> = {
  setunion: fn(
    [FIRST],
    T.set(T.dynamic),
    (sets) =>
      asSet(
        sets.flatMap((s) => [...s.elems]),
        elemType(sets),
      ),
    OTHERS,
  ),
  setintersection: fn(
    [FIRST],
    T.set(T.dynamic),
    (sets) => {
      const t = elemType(sets);
      const keys = sets.slice(1).map((s) => new Set(s.elems.map((e) => valueKey(convert(e, t)))));
      return asSet(
        sets[0]!.elems.filter((e) => keys.every((k) => k.has(valueKey(convert(e, t))))),
        t,
      );
    },
    OTHERS,
  ),
  setproduct: fn(
    [],
    T.dynamic,
    (sets) => {
      if (sets.length < 2) fail('at least two arguments are required');
      let rows: Value[][] = [[]];
      for (const s of sets) {
        if (!['list', 'set', 'tuple'].includes(s.type.kind))
          fail('all arguments must be sets, lists or tuples');
        rows = rows.flatMap((r) => s.elems.map((e) => [...r, e]));
      }
      const tuples = rows.map((r) => Value.tuple(r));
      const allSets = sets.every((s) => s.type.kind === 'set');
      if (tuples.length === 0) return allSets ? Value.set([], T.dynamic) : Value.list([], T.dynamic);
      const u = unify(tuples.map((t) => t.type)) ?? T.dynamic;
      const conv = tuples.map((t) => convert(t, u));
      return allSets ? Value.set(conv, u) : Value.list(conv, u);
    },
    param('sets', T.dynamic),
  ),
};
