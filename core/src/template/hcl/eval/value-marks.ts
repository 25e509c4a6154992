import { T, typeEquals } from './types.js';
import { Value } from './value.js';

/** True when neither the value nor anything inside it is unknown. */
export function isWhollyKnown(v: Value): boolean {
  if (!v.isKnown) return false;
  if (!v.isPresent) return true;
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      return v.elems.every(isWhollyKnown);
    case 'map':
    case 'object':
      for (const e of v.attrs.values()) if (!isWhollyKnown(e)) return false;
      return true;
    default:
      return true;
  }
}

/** True when the value or anything inside it is marked sensitive. */
export function containsSensitive(v: Value): boolean {
  if (v.isSensitive) return true;
  if (!v.isPresent) return false;
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      return v.elems.some(containsSensitive);
    case 'map':
    case 'object':
      for (const e of v.attrs.values()) if (containsSensitive(e)) return true;
      return false;
    default:
      return false;
  }
}

/** The value with every sensitive mark removed, at any depth. */
export function unmarkDeep(v: Value): Value {
  if (!containsSensitive(v)) return v;
  const u = v.unmark();
  if (!u.isPresent) return u;
  switch (u.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      return Value.of(u.type, u.elems.map(unmarkDeep));
    case 'map':
    case 'object':
      return Value.of(u.type, new Map([...u.attrs].map(([k, e]) => [k, unmarkDeep(e)])));
    default:
      return u;
  }
}

/** Marks `v` sensitive when any of `from` is (shallowly) sensitive. */
export function markFrom(v: Value, ...from: Value[]): Value {
  return from.some((f) => f.isSensitive) ? v.mark() : v;
}

/**
 * HCL's `==`: values of different types are not equal (null equals only
 * null); unknown operands give an unknown bool.
 */
export function valuesEqual(a: Value, b: Value): Value {
  const sensitive = a.isSensitive || b.isSensitive;
  const r = equalsRaw(a, b);
  const out = r === undefined ? Value.unknown(T.bool) : Value.bool(r);
  return sensitive ? out.mark() : out;
}

function equalsRaw(a: Value, b: Value): boolean | undefined {
  if (!a.isKnown || !b.isKnown) return undefined;
  if (a.isNull || b.isNull) return a.isNull && b.isNull;
  if (!typeEquals(a.type, b.type)) {
    const k = a.type.kind;
    if (k === b.type.kind && (k === 'list' || k === 'set' || k === 'map') && a.length === 0 && b.length === 0)
      return true;
    return false;
  }
  switch (a.type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return a.raw === b.raw;
    case 'list':
    case 'set':
    case 'tuple': {
      if (a.length !== b.length) return false;
      let unknown = false;
      for (let i = 0; i < a.length; i++) {
        const r = equalsRaw(a.elems[i]!.unmark(), b.elems[i]!.unmark());
        if (r === false) return false;
        if (r === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
    default: {
      if (a.length !== b.length) return false;
      let unknown = false;
      for (const [k, av] of a.attrs) {
        const bv = b.attrs.get(k);
        if (!bv) return false;
        const r = equalsRaw(av.unmark(), bv.unmark());
        if (r === false) return false;
        if (r === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
  }
}

/**
 * The text of every sensitive primitive inside `v` (as a string would show
 * it), for masking secrets in build output the way Packer does.
 */
export function sensitiveStrings(v: Value, inherited = false): string[] {
  const sensitive = inherited || v.isSensitive;
  if (!v.isKnown || v.isNull) return [];
  switch (v.type.kind) {
    case 'string':
      return sensitive && v.str !== '' ? [v.str] : [];
    case 'number':
      return sensitive ? [String(v.num)] : [];
    case 'bool':
      return [];
    case 'list':
    case 'set':
    case 'tuple':
      return v.elems.flatMap((e) => sensitiveStrings(e, sensitive));
    default:
      return [...v.attrs.values()].flatMap((e) => sensitiveStrings(e, sensitive));
  }
}
