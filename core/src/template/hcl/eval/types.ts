/**
 * HCL value types, modelled on cty: primitives, collections (list, set, map:
 * one element type), structurals (tuple, object: a type per element/attribute)
 * and `dynamic` (any type, decided at run time; also the `any` constraint).
 */
export type Type = PrimitiveType | CollectionType | TupleType | ObjectType | DynamicType;

export interface PrimitiveType {
  readonly kind: 'string' | 'number' | 'bool';
}
export interface DynamicType {
  readonly kind: 'dynamic';
}
export interface CollectionType {
  readonly kind: 'list' | 'set' | 'map';
  readonly elem: Type;
}
export interface TupleType {
  readonly kind: 'tuple';
  readonly elems: readonly Type[];
}
export interface ObjectType {
  readonly kind: 'object';
  readonly attrs: Readonly<Record<string, Type>>;
  /**
   * Only in type constraints: attributes declared with optional(T[, default]).
   * The value is the default (as a plain JS value, converted on use) or undefined.
   */
  readonly optional?: Readonly<Record<string, unknown>>;
}

export const T = {
  string: { kind: 'string' } as PrimitiveType,
  number: { kind: 'number' } as PrimitiveType,
  bool: { kind: 'bool' } as PrimitiveType,
  dynamic: { kind: 'dynamic' } as DynamicType,
  list: (elem: Type): CollectionType => ({ kind: 'list', elem }),
  set: (elem: Type): CollectionType => ({ kind: 'set', elem }),
  map: (elem: Type): CollectionType => ({ kind: 'map', elem }),
  tuple: (elems: readonly Type[]): TupleType => ({ kind: 'tuple', elems }),
  object: (attrs: Record<string, Type>, optional?: Record<string, unknown>): ObjectType =>
    optional ? { kind: 'object', attrs, optional } : { kind: 'object', attrs },
} as const;

export const EMPTY_OBJECT: ObjectType = T.object({});
export const EMPTY_TUPLE: TupleType = T.tuple([]);

export function isPrimitive(t: Type): t is PrimitiveType {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}
export function isCollection(t: Type): t is CollectionType {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}
export function isListLike(t: Type): boolean {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple';
}
export function isMapLike(t: Type): boolean {
  return t.kind === 'map' || t.kind === 'object';
}

/** Structural type equality (optional markers are ignored). */
export function typeEquals(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return typeEquals(a.elem, (b as CollectionType).elem);
    case 'tuple': {
      const be = (b as TupleType).elems;
      return a.elems.length === be.length && a.elems.every((e, i) => typeEquals(e, be[i]!));
    }
    case 'object': {
      const ba = (b as ObjectType).attrs;
      const ak = Object.keys(a.attrs);
      return (
        ak.length === Object.keys(ba).length && ak.every((k) => k in ba && typeEquals(a.attrs[k]!, ba[k]!))
      );
    }
    default:
      return true;
  }
}

/** True when the type has `dynamic` anywhere inside it. */
export function hasDynamic(t: Type): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return hasDynamic(t.elem);
    case 'tuple':
      return t.elems.some(hasDynamic);
    case 'object':
      return Object.values(t.attrs).some(hasDynamic);
    default:
      return false;
  }
}

/** HCL type-expression syntax: `list(string)`, `object({a=number})`, `any`. */
export function typeString(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeString(t.elem)})`;
    case 'tuple':
      return `tuple([${t.elems.map(typeString).join(', ')}])`;
    case 'object': {
      const keys = Object.keys(t.attrs).sort();
      return `object({${keys.map((k) => `${k}=${typeString(t.attrs[k]!)}`).join(', ')}})`;
    }
    default:
      return t.kind;
  }
}

/** The phrase HCL uses in error messages: "string", "list of string", "object". */
export function friendlyTypeName(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'any type';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${friendlyTypeName(t.elem)}`;
    case 'tuple':
      return 'tuple';
    case 'object':
      return 'object';
    default:
      return t.kind;
  }
}
