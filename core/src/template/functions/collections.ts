import { convert, tryConvert } from '../hcl/eval/convert.js';
import { decimalArith } from '../hcl/eval/decimal-arith.js';
import { friendlyTypeName, T, type Type } from '../hcl/eval/types.js';
import { unify } from '../hcl/eval/unify.js';
import { Value } from '../hcl/eval/value.js';
import { valuesEqual } from '../hcl/eval/value-marks.js';
import { fail, failArg, fn, param } from './define.js';
import { graphemeCount } from './graphemes.js';
import type { FunctionSpec } from './spec.js';

const D = T.dynamic;
const listLike = (v: Value) => ['list', 'set', 'tuple'].includes(v.type.kind);
const mapLike = (v: Value) => v.type.kind === 'map' || v.type.kind === 'object';

/** A list when the elements unify to one type, else a tuple (how cty builds results of mixed inputs). */
export function listOrTuple(elems: Value[], asList: boolean): Value {
  if (!asList) return Value.tuple(elems);
  const u = unify(elems.map((e) => e.type));
  return u
    ? Value.list(
        elems.map((e) => convert(e, u)),
        u,
      )
    : Value.tuple(elems);
}

function seq(v: Value, what = 'list'): readonly Value[] {
  if (!listLike(v)) fail(`argument must be a ${what}, tuple or set`);
  return v.elems;
}

function equal(a: Value, b: Value): boolean {
  const r = valuesEqual(a, b);
  return r.isKnown && r.bool;
}

/** Collection functions: length, lookup, merge, concat, flatten, keys, values, range, sort, ... */
export const collectionFunctions: Record<string, FunctionSpec> = {
  length: fn([param('value', D, { allowUnknown: true })], T.number, ([v]) => {
    if (!v!.isKnown) return Value.unknown(T.number);
    if (v!.type.kind === 'string') return Value.number(graphemeCount(v!.str));
    if (!listLike(v!) && !mapLike(v!))
      fail('argument must be a string, a collection type, or a structural type');
    return Value.number(v!.length);
  }),
  // Packer 1.16's cty requires the default (Terraform's lookup made it optional later).
  lookup: fn([param('inputMap', D), param('key', T.string), param('default', D)], D, ([m, k, def]) => {
    if (!mapLike(m!)) failArg(0, 'lookup() requires a map as the first argument');
    return m!.attrs.get(k!.str) ?? def!;
  }),
  merge: fn(
    [],
    D,
    (maps) => {
      const out = new Map<string, Value>();
      let object = false;
      for (const m of maps) {
        if (m.isNull) continue;
        if (!mapLike(m)) fail(`arguments must be maps or objects, got "${friendlyTypeName(m.type)}"`);
        object ||= m.type.kind === 'object';
        for (const [k, v] of m.attrs) out.set(k, v);
      }
      if (!object) {
        const u = unify([...out.values()].map((v) => v.type));
        if (u) return Value.map(new Map([...out].map(([k, v]) => [k, convert(v, u)])), u);
      }
      return Value.object(out);
    },
    param('maps', D, { allowNull: true }),
  ),
  concat: fn(
    [],
    D,
    (lists) => {
      if (lists.length === 0) fail('at least one argument is required');
      const all: Value[] = [];
      lists.forEach((l, i) => {
        if (!listLike(l) || l.type.kind === 'set')
          failArg(i, `all arguments must be lists or tuples; got ${friendlyTypeName(l.type)}`);
        all.push(...l.elems);
      });
      return listOrTuple(
        all,
        lists.every((l) => l.type.kind === 'list'),
      );
    },
    param('seqs', D),
  ),
  contains: fn([param('list', D), param('value', D, { allowNull: true })], T.bool, ([l, v]) => {
    if (!listLike(l!)) fail('argument must be list, tuple, or set');
    return Value.bool(l!.elems.some((e) => equal(e, v!)));
  }),
  flatten: fn([param('list', D)], D, ([l]) => {
    if (!listLike(l!)) fail('can only flatten lists, sets and tuples');
    const out: Value[] = [];
    const walk = (v: Value) => {
      for (const e of seq(v)) {
        if (e.isPresent && listLike(e)) walk(e);
        else out.push(e);
      }
    };
    walk(l!);
    return listOrTuple(out, l!.type.kind === 'list');
  }),
  distinct: fn(
    [param('list', T.list(D))],
    (a) => a[0]?.type ?? T.list(D),
    ([l]) => {
      const out: Value[] = [];
      for (const e of l!.elems) if (!out.some((o) => equal(o, e))) out.push(e);
      return Value.list(out, (l!.type as { elem: Type }).elem);
    },
  ),
  compact: fn([param('list', T.list(T.string))], T.list(T.string), ([l]) =>
    Value.list(
      l!.elems.filter((e) => !e.isNull && e.str !== ''),
      T.string,
    ),
  ),
  element: fn([param('list', D), param('index', T.number)], D, ([l, i]) => {
    if (!listLike(l!) || l!.type.kind === 'set')
      fail(`cannot read elements from ${friendlyTypeName(l!.type)}`);
    const elems = l!.elems;
    if (!Number.isInteger(i!.num))
      fail(
        'invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807',
      );
    if (elems.length === 0) fail('cannot use element function with an empty list');
    const n = i!.num;
    if (n < 0) fail('cannot use element function with a negative index');
    return elems[n % elems.length]!;
  }),
  index: fn([param('list', D), param('value', D)], T.number, ([l, v]) => {
    if (!(l!.type.kind === 'list' || l!.type.kind === 'tuple')) fail('argument must be a list or tuple');
    if (l!.length === 0) fail('cannot search an empty list');
    const i = l!.elems.findIndex((e) => equal(e, v!));
    if (i < 0) fail('item not found');
    return Value.number(i);
  }),
  keys: fn([param('inputMap', D)], T.list(T.string), ([m]) => {
    if (!mapLike(m!)) failArg(0, 'must have map or object type');
    return Value.list([...m!.attrs.keys()].map(Value.string), T.string);
  }),
  values: fn([param('mapping', D)], D, ([m]) => {
    if (!mapLike(m!)) fail('values() requires a map as the first argument');
    const vals = [...m!.attrs.values()];
    return m!.type.kind === 'map' ? Value.list(vals, (m!.type as { elem: Type }).elem) : Value.tuple(vals);
  }),
  zipmap: fn([param('keys', T.list(T.string)), param('values', D)], D, ([k, v]) => {
    const vals = seq(v!);
    if (k!.length !== vals.length)
      fail(`number of keys (${k!.length}) does not match number of values (${vals.length})`);
    const entries = new Map(k!.elems.map((key, i) => [key.str, vals[i]!]));
    return v!.type.kind === 'list'
      ? Value.map(entries, (v!.type as { elem: Type }).elem)
      : Value.object(entries);
  }),
  range: fn(
    [],
    T.list(T.number),
    (args) => {
      if (args.length < 1 || args.length > 3) fail('must have one, two, or three arguments');
      let [start, limit, step] =
        args.length === 1 ? [0, args[0]!.num, undefined] : [args[0]!.num, args[1]!.num, args[2]?.num];
      step ??= start > limit ? -1 : 1;
      if (step < 0 && start < limit) failArg(1, 'end must be less than start when step is negative');
      if (step > 0 && start > limit) failArg(1, 'end must be greater than start when step is positive');
      const out: Value[] = [];
      // cty checks the count before the end, so a zero step fails after 1024 values.
      for (let x = start; step >= 0 ? x < limit! : x > limit!; x = decimalArith('+', x, step)) {
        if (out.length >= 1024)
          fail(
            'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
          );
        out.push(Value.number(x));
      }
      return Value.list(out, T.number);
    },
    param('params', T.number),
  ),
  slice: fn(
    [param('list', D), param('start_index', T.number), param('end_index', T.number)],
    D,
    ([l, s, e]) => {
      if (l!.type.kind === 'set')
        failArg(
          0,
          'cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important',
        );
      if (!listLike(l!)) failArg(0, 'must be a list or tuple value');
      const elems = l!.elems;
      const a = s!.num;
      const b = e!.num;
      const whole = 'value must be a whole number, between -9223372036854775808 and 9223372036854775807';
      if (!Number.isInteger(a)) failArg(1, `invalid start index: ${whole}`);
      if (a < 0) failArg(1, 'start index must not be less than zero');
      if (a > elems.length) failArg(1, 'start index must not be greater than the length of the list');
      if (!Number.isInteger(b)) failArg(2, `invalid end index: ${whole}`);
      if (b < 0) failArg(2, 'end index must not be less than zero');
      if (b > elems.length) failArg(2, 'end index must not be greater than the length of the list');
      if (a > b) failArg(1, 'start index must not be greater than end index');
      const out = elems.slice(a, b);
      return l!.type.kind === 'list' ? Value.list(out, (l!.type as { elem: Type }).elem) : Value.tuple(out);
    },
  ),
  sort: fn([param('list', T.list(T.string))], T.list(T.string), ([l]) => {
    const nul = l!.elems.findIndex((e) => e.isNull);
    if (nul >= 0) fail(`given list element ${nul} is null; a null string cannot be sorted`);
    return Value.list(
      [...l!.elems].sort((a, b) => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0)),
      T.string,
    );
  }),
  reverse: fn([param('list', D)], D, ([l]) => {
    if (!(l!.type.kind === 'list' || l!.type.kind === 'tuple'))
      failArg(0, `can only reverse list or tuple values, not ${friendlyTypeName(l!.type)}`);
    const out = [...l!.elems].reverse();
    return l!.type.kind === 'list' ? Value.list(out, (l!.type as { elem: Type }).elem) : Value.tuple(out);
  }),
  coalesce: fn(
    [],
    D,
    (vals) => {
      const u = vals.length === 0 ? undefined : unify(vals.filter((v) => !v.isNull).map((v) => v.type));
      if (!u) fail('all arguments must have the same type');
      for (const v of vals) {
        if (v.isNull) continue;
        const c = tryConvert(v, u);
        if (c && !(c.type.kind === 'string' && c.str === '')) return c;
      }
      return fail('no non-null, non-empty-string arguments');
    },
    param('vals', D, { allowNull: true }),
  ),
  coalescelist: fn(
    [],
    D,
    (lists) => {
      if (lists.length === 0) fail('at least one argument is required');
      for (const l of lists)
        if (!(l.type.kind === 'list' || l.type.kind === 'tuple'))
          fail('coalescelist arguments must be lists or tuples');
      for (const l of lists) if (!l.isNull && l.elems.length > 0) return l;
      return fail('no non-null arguments');
    },
    param('vals', D, { allowNull: true }),
  ),
  alltrue: fn([param('list', T.list(T.bool))], T.bool, ([l]) =>
    Value.bool(l!.elems.every((e) => !e.isNull && e.bool)),
  ),
  anytrue: fn([param('list', T.list(T.bool))], T.bool, ([l]) =>
    Value.bool(l!.elems.some((e) => !e.isNull && e.bool)),
  ),
};
