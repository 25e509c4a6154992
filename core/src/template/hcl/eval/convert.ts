import { fromJs } from './js.js';
import { numberToString, parseNumber } from './number-format.js';
import {
  type CollectionType,
  friendlyTypeName,
  hasDynamic,
  type ObjectType,
  T,
  type Type,
  typeEquals,
} from './types.js';
import { unify } from './unify.js';
import { Value } from './value.js';

/** A value that cannot be converted to a type; the message reads like HCL's. */
export class ConversionError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[] = [],
  ) {
    super(message);
    this.name = 'ConversionError';
  }

  /** The message with the path as HCL phrases it: `attribute "a": element 0: string required`. */
  get detail(): string {
    const prefix = this.path
      .map((p) => (typeof p === 'number' ? `element ${p}: ` : `attribute "${p}": `))
      .join('');
    return `${prefix}${this.message}`;
  }
}

/**
 * Converts `v` to `type` with HCL's rules: string <-> number <-> bool for
 * primitives, tuple -> list/set, object -> map (element types unified when the
 * target is `any`), map -> object, optional attributes with defaults.
 * Nulls convert to a null of the target type; unknowns to an unknown of it.
 * Throws ConversionError.
 */
export function convert(v: Value, type: Type): Value {
  const out = convertInner(v.unmark(), type, []);
  return v.isSensitive ? out.mark() : out;
}

/** convert() that reports failure as undefined instead of throwing. */
export function tryConvert(v: Value, type: Type): Value | undefined {
  try {
    return convert(v, type);
  } catch (e) {
    if (e instanceof ConversionError) return undefined;
    throw e;
  }
}

function fail(msg: string, path: (string | number)[]): never {
  throw new ConversionError(msg, path);
}

function convertInner(v: Value, type: Type, path: (string | number)[]): Value {
  if (type.kind === 'dynamic') return v;
  if (v.type.kind === 'dynamic' && !v.isKnown) return Value.unknown(type);
  if (typeEquals(v.type, type) && !hasOptional(type)) return v;
  if (!v.isKnown) {
    checkTypeConvertible(v.type, type, path);
    return Value.unknown(type);
  }
  if (v.isNull) return Value.null(type);
  const sens = (x: Value, out: Value) => (x.isSensitive ? out.mark() : out);
  const elem = (x: Value, t: Type, p: string | number) => sens(x, convertInner(x.unmark(), t, [...path, p]));
  switch (type.kind) {
    case 'string':
      if (v.type.kind === 'number') return Value.string(numberToString(v.num));
      if (v.type.kind === 'bool') return Value.string(v.bool ? 'true' : 'false');
      return fail('string required.', path);
    case 'number':
      if (v.type.kind === 'string') {
        const n = parseNumber(v.str);
        if (n === undefined) return fail('a number is required.', path);
        return Value.number(n);
      }
      return fail('number required.', path);
    case 'bool':
      if (v.type.kind === 'string') {
        if (v.str === 'true' || v.str === '1') return Value.bool(true);
        if (v.str === 'false' || v.str === '0') return Value.bool(false);
        const lower = v.str.toLowerCase();
        if (lower === 'true' || lower === 'false')
          return fail(`a bool is required; to convert from string, use lowercase "${lower}".`, path);
        return fail('a bool is required.', path);
      }
      return fail('bool required.', path);
    case 'list':
    case 'set': {
      if (!(v.type.kind === 'list' || v.type.kind === 'set' || v.type.kind === 'tuple'))
        return fail(`${friendlyTypeName(type)} required.`, path);
      const elemType = targetElemType(
        type,
        v.elems.map((e) => e.type),
        path,
      );
      const elems = v.elems.map((e, i) => elem(e, elemType, i));
      return Value.of({ kind: type.kind, elem: elemType }, elems);
    }
    case 'map': {
      if (!(v.type.kind === 'map' || v.type.kind === 'object'))
        return fail(`${friendlyTypeName(type)} required.`, path);
      const elemType = targetElemType(
        type,
        [...v.attrs.values()].map((e) => e.type),
        path,
      );
      const out = new Map<string, Value>();
      for (const [k, e] of v.attrs) out.set(k, elem(e, elemType, k));
      return Value.of(T.map(elemType), out);
    }
    case 'tuple': {
      if (!(v.type.kind === 'list' || v.type.kind === 'tuple' || v.type.kind === 'set'))
        return fail('tuple required.', path);
      if (v.length !== type.elems.length)
        return fail(`tuple required with exactly ${type.elems.length} elements.`, path);
      const elems = v.elems.map((e, i) => elem(e, type.elems[i]!, i));
      return Value.tuple(elems);
    }
    case 'object':
      return convertObject(v, type, path, elem);
  }
}

function convertObject(
  v: Value,
  type: ObjectType,
  path: (string | number)[],
  elem: (x: Value, t: Type, p: string | number) => Value,
): Value {
  if (!(v.type.kind === 'map' || v.type.kind === 'object')) return fail('object required.', path);
  const out = new Map<string, Value>();
  const optional = type.optional ?? {};
  for (const [k, t] of Object.entries(type.attrs)) {
    const a = v.attrs.get(k);
    if (a === undefined || (a.isNull && k in optional)) {
      if (!(k in optional)) return fail(`attribute "${k}" is required.`, path);
      const def = optional[k];
      out.set(k, def === undefined ? Value.null(t) : elem(def instanceof Value ? def : fromJs(def), t, k));
      continue;
    }
    out.set(k, elem(a, t, k));
  }
  const attrs: Record<string, Type> = {};
  for (const [k, e] of out)
    attrs[k] = e.type.kind === 'dynamic' || hasDynamic(type.attrs[k]!) ? e.type : type.attrs[k]!;
  return Value.of(T.object(attrs), out);
}

function hasOptional(t: Type): boolean {
  switch (t.kind) {
    case 'object':
      return t.optional !== undefined || Object.values(t.attrs).some(hasOptional);
    case 'list':
    case 'set':
    case 'map':
      return hasOptional(t.elem);
    case 'tuple':
      return t.elems.some(hasOptional);
    default:
      return false;
  }
}

function targetElemType(type: CollectionType, from: Type[], path: (string | number)[]): Type {
  if (type.elem.kind !== 'dynamic') return type.elem;
  if (from.length === 0) return T.dynamic;
  const u = unify(from);
  if (!u)
    return fail(`all ${type.kind === 'map' ? 'map' : type.kind} elements must have the same type.`, path);
  return u;
}

/** Throws when no value of type `from` could ever convert to `to`. */
function checkTypeConvertible(from: Type, to: Type, path: (string | number)[]): void {
  if (from.kind === 'dynamic' || to.kind === 'dynamic' || typeEquals(from, to)) return;
  const prim = (t: Type) => t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
  if (prim(from) && prim(to)) {
    if (to.kind === 'string' || from.kind === 'string') return;
    fail(`${to.kind} required.`, path);
  }
  const listy = (t: Type) => t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple';
  const mappy = (t: Type) => t.kind === 'map' || t.kind === 'object';
  if ((listy(to) && listy(from)) || (mappy(to) && mappy(from))) return;
  fail(`${friendlyTypeName(to)} required.`, path);
}
