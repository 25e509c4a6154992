import { type ObjectType, T, type Type, typeEquals } from './types.js';

/**
 * The single type that all of `types` convert to, as HCL's unification picks
 * for list elements and conditional results: equal types stay; mixed
 * primitives become string; objects with different attributes and maps become
 * a map; tuples and lists become a list. Undefined when there is none.
 */
export function unify(types: readonly Type[]): Type | undefined {
  if (types.length === 0) return T.dynamic;
  const first = types[0]!;
  if (types.every((t) => typeEquals(t, first))) return first;
  const known = types.filter((t) => t.kind !== 'dynamic');
  if (known.length < types.length) {
    if (known.length === 0) return T.dynamic;
    const u = unify(known);
    return u ? T.dynamic : undefined;
  }
  const kinds = new Set(known.map((t) => t.kind));
  if ([...kinds].every((k) => k === 'string' || k === 'number' || k === 'bool')) {
    return kinds.has('string') ? T.string : undefined;
  }
  if ([...kinds].every((k) => k === 'object' || k === 'map')) return unifyMapLike(known);
  if ([...kinds].every((k) => k === 'tuple' || k === 'list' || k === 'set'))
    return unifyListLike(known, kinds.has('set') && !kinds.has('list') && !kinds.has('tuple'));
  return undefined;
}

function unifyMapLike(types: Type[]): Type | undefined {
  const objs = types.filter((t): t is ObjectType => t.kind === 'object');
  if (objs.length === types.length) {
    const keys = Object.keys(objs[0]!.attrs).sort().join('\0');
    if (objs.every((o) => Object.keys(o.attrs).sort().join('\0') === keys)) {
      const attrs: Record<string, Type> = {};
      for (const k of Object.keys(objs[0]!.attrs)) {
        const u = unify(objs.map((o) => o.attrs[k]!));
        if (!u) return undefined;
        attrs[k] = u;
      }
      return T.object(attrs);
    }
  }
  const elems: Type[] = [];
  for (const t of types) {
    if (t.kind === 'object') elems.push(...Object.values(t.attrs));
    else if (t.kind === 'map') elems.push(t.elem);
  }
  const u = unify(elems);
  return u ? T.map(u) : undefined;
}

function unifyListLike(types: Type[], allSets: boolean): Type | undefined {
  const tuples = types.filter((t) => t.kind === 'tuple');
  if (tuples.length === types.length) {
    const n = tuples[0]!.kind === 'tuple' ? tuples[0]!.elems.length : 0;
    if (tuples.every((t) => t.kind === 'tuple' && t.elems.length === n)) {
      const elems: Type[] = [];
      for (let i = 0; i < n; i++) {
        const u = unify(tuples.map((t) => (t.kind === 'tuple' ? t.elems[i]! : T.dynamic)));
        if (!u) return undefined;
        elems.push(u);
      }
      return T.tuple(elems);
    }
  }
  const elems: Type[] = [];
  for (const t of types) {
    if (t.kind === 'tuple') elems.push(...t.elems);
    else if (t.kind === 'list' || t.kind === 'set') elems.push(t.elem);
  }
  const u = unify(elems);
  if (!u) return undefined;
  return allSets ? T.set(u) : T.list(u);
}
