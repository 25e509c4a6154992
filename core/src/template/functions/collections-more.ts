import { tryConvert } from '../hcl/eval/convert.js';
import { friendlyTypeName, T, type Type } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, failArg, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const D = T.dynamic;
const elemOf = (v: Value): Type => (v.type as { elem?: Type }).elem ?? D;

/** chunklist, sum. */
export const moreCollectionFunctions: Record<string, FunctionSpec> = {
  chunklist: fn([param('list', T.list(D)), param('size', T.number)], T.list(T.list(D)), ([l, n]) => {
    const size = n!.num;
    if (!Number.isInteger(size))
      fail(
        'invalid size: value must be a whole number, between -9223372036854775808 and 9223372036854775807',
      );
    if (size < 0) fail('the size argument must be positive');
    const elems = l!.elems;
    if (size === 0) return Value.list([Value.list(elems, elemOf(l!))]);
    const out: Value[] = [];
    for (let i = 0; i < elems.length; i += size) out.push(Value.list(elems.slice(i, i + size), elemOf(l!)));
    return Value.list(out, T.list(elemOf(l!)));
  }),
  sum: fn([param('list', D)], T.number, ([l]) => {
    const k = l!.type.kind;
    if (!l!.type.kind.match(/^(list|set|tuple|map|object)$/)) failArg(0, 'cannot sum noniterable');
    if (l!.length === 0) failArg(0, 'cannot sum an empty list');
    if (k !== 'list' && k !== 'set' && k !== 'tuple')
      failArg(0, `argument must be list, set, or tuple. Received ${friendlyTypeName(l!.type)}`);
    let total = 0;
    for (const e of l!.elems) {
      if (e.isNull) failArg(0, 'argument must be list, set, or tuple of number values');
      const n = tryConvert(e, T.number);
      if (!n) failArg(0, 'argument must be list, set, or tuple of number values');
      total += n.num;
    }
    return Value.number(total);
  }),
};
