import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import { evalError } from './eval-diagnostics.js';
import type { Value } from './value.js';
import { Value as V } from './value.js';

/**
 * The key/value pairs a `for` iterates: index/element for lists and tuples,
 * element/element for sets, key/element for maps and objects (key order).
 * 'unknown' when the collection is not known; [] after reporting a problem.
 */
export function iterate(
  coll: Value,
  range: SourceRange,
  diags: TemplateDiagnostic[],
  what: 'for' | 'template' | 'dynamic',
): [Value, Value][] | 'unknown' {
  if (!coll.isKnown) return 'unknown';
  const summary = what === 'dynamic' ? 'Invalid dynamic for_each value' : 'Iteration over null value';
  if (coll.isNull) {
    diags.push(
      evalError(summary, "A null value cannot be used as the collection in a 'for' expression.", range),
    );
    return [];
  }
  const mark = (v: Value) => (coll.isSensitive ? v.mark() : v);
  switch (coll.type.kind) {
    case 'list':
    case 'tuple':
      return coll.elems.map((e, i) => [V.number(i), mark(e)]);
    case 'set':
      return coll.elems.map((e) => [mark(e), mark(e)]);
    case 'map':
    case 'object':
      return [...coll.attrs].map(([k, e]) => [V.string(k), mark(e)]);
    default:
      diags.push(
        evalError(
          what === 'dynamic' ? summary : 'Iteration over non-iterable value',
          `A value of type ${coll.type.kind} cannot be used as the collection in a 'for' expression.`,
          range,
        ),
      );
      return [];
  }
}
