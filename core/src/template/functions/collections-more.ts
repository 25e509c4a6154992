import { tryConvert } from '../hcl/eval/convert.js';
import { T, type Type } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { valuesEqual } from '../hcl/eval/value-marks.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const D = T.dynamic;
const elemOf = (v: Value): Type => (v.type as { elem?: Type }).elem ?? D;

/** chunklist, sum, transpose, matchkeys, one. */
export const moreCollectionFunctions: Record<string, FunctionSpec> = {
  chunklist: fn([param('list', T.list(D)), param('size', T.number)], T.list(T.list(D)), ([l, n]) => {
    const size = n!.num;
    if (size < 0 || !Number.isInteger(size)) fail('the size argument must be a non-negative whole number');
    const elems = l!.elems;
    if (size === 0) return Value.list([Value.list(elems, elemOf(l!))]);
    const out: Value[] = [];
    for (let i = 0; i < elems.length; i += size) out.push(Value.list(elems.slice(i, i + size), elemOf(l!)));
    return Value.list(out, T.list(elemOf(l!)));
  }),
  sum: fn([param('list', D)], T.number, ([l]) => {
    const k = l!.type.kind;
    if (k !== 'list' && k !== 'set' && k !== 'tuple') fail('argument must be list, set, or tuple');
    if (l!.length === 0) fail('cannot sum an empty list');
    let total = 0;
    for (const e of l!.elems) {
      if (e.isNull) fail('argument must be list, set, or tuple of number values');
      const n = tryConvert(e, T.number);
      if (!n) fail('argument must be list, set, or tuple of number values');
      total += n.num;
    }
    return Value.number(total);
  }),
  transpose: fn([param('values', T.map(T.list(T.string)))], T.map(T.list(T.string)), ([m]) => {
    const out = new Map<string, Value[]>();
    for (const [k, list] of m!.attrs) {
      for (const e of list.elems) {
        const key = e.str;
        const arr = out.get(key) ?? [];
        arr.push(Value.string(k));
        out.set(key, arr);
      }
    }
    return Value.map(new Map([...out].map(([k, v]) => [k, Value.list(v, T.string)])), T.list(T.string));
  }),
  matchkeys: fn(
    [param('values', T.list(D)), param('keys', T.list(D)), param('searchset', T.list(D))],
    T.list(D),
    ([v, k, s]) => {
      if (v!.length !== k!.length) fail('length of keys and values should be equal');
      const out = v!.elems.filter((_, i) =>
        s!.elems.some((x) => {
          const r = valuesEqual(k!.elems[i]!, x);
          return r.isKnown && r.bool;
        }),
      );
      return Value.list(out, elemOf(v!));
    },
  ),
  one: fn([param('list', D)], D, ([l]) => {
    const k = l!.type.kind;
    if (k !== 'list' && k !== 'set' && k !== 'tuple') fail('must be a list, set, or tuple value');
    if (l!.length > 1) fail('must be a list, set, or tuple value with either zero or one elements');
    return l!.length === 1 ? l!.elems[0]! : Value.null(elemOf(l!));
  }),
};
