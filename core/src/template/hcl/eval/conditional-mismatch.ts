import { friendlyTypeName, type Type, typeEquals } from './types.js';

/** Why two conditional results cannot unify, phrased as hclsyntax does. */
export function describeTypeMismatch(t: Type, f: Type): string {
  if (t.kind === 'object' && f.kind === 'object') {
    const tNames = Object.keys(t.attrs).sort();
    const fNames = Object.keys(f.attrs).sort();
    for (const name of tNames) {
      if (!(name in f.attrs))
        return `The 'true' value includes object attribute "${name}", which is absent in the 'false' value`;
      if (!typeEquals(t.attrs[name]!, f.attrs[name]!))
        return `Type mismatch for object attribute "${name}": ${describeTypeMismatch(t.attrs[name]!, f.attrs[name]!)}`;
    }
    for (const name of fNames) {
      if (!(name in t.attrs))
        return `The 'false' value includes object attribute "${name}", which is absent in the 'true' value`;
    }
  } else if (t.kind === 'tuple' && f.kind === 'tuple') {
    if (t.elems.length !== f.elems.length)
      return `The 'true' tuple has length ${t.elems.length}, but the 'false' tuple has length ${f.elems.length}`;
    for (let i = 0; i < t.elems.length; i++) {
      if (!typeEquals(t.elems[i]!, f.elems[i]!))
        return `Type mismatch for tuple element ${i}: ${describeTypeMismatch(t.elems[i]!, f.elems[i]!)}`;
    }
  } else if (
    (t.kind === 'list' || t.kind === 'set' || t.kind === 'map') &&
    t.kind === f.kind &&
    ((t.elem.kind === 'object' && f.elem.kind === 'object') ||
      (t.elem.kind === 'tuple' && f.elem.kind === 'tuple'))
  ) {
    return `Mismatched ${t.kind} element types: ${describeTypeMismatch(t.elem, f.elem)}`;
  }
  const tn = friendlyTypeName(t);
  const fn = friendlyTypeName(f);
  if (tn === fn)
    return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value";
  return `The 'true' value is ${tn}, but the 'false' value is ${fn}`;
}
