import { T, type Type } from './types.js';

/**
 * The raw payload of a known, non-null value: string, number (a JS double:
 * integers are exact up to 2^53, decimals follow IEEE-754 rather than cty's
 * 512-bit floats), bool, elements (list, set, tuple) or attributes (map, object).
 */
export type Raw = string | number | boolean | readonly Value[] | ReadonlyMap<string, Value>;

/**
 * An immutable HCL value. Like cty's, every value has a type; it may be null
 * (typed), unknown (known only by type, e.g. build.* at validate time) and
 * marked sensitive. Sets hold unique elements in a canonical order; maps and
 * objects iterate in lexical key order.
 */
export class Value {
  private constructor(
    readonly type: Type,
    private readonly payload: Raw | null,
    readonly isKnown: boolean,
    readonly isSensitive: boolean,
  ) {}

  /** Strings are kept in Unicode normal form C, as cty keeps them. */
  static string(s: string): Value {
    return new Value(T.string, s.normalize('NFC'), true, false);
  }
  static number(n: number): Value {
    return new Value(T.number, n, true, false);
  }
  static bool(b: boolean): Value {
    return b ? TRUE : FALSE;
  }
  static null(type: Type = T.dynamic): Value {
    return new Value(type, null, true, false);
  }
  static unknown(type: Type = T.dynamic): Value {
    return new Value(type, null, false, false);
  }
  static list(elems: readonly Value[], elemType?: Type): Value {
    return new Value(T.list(elemType ?? elems[0]?.type ?? T.dynamic), elems, true, false);
  }
  static set(elems: readonly Value[], elemType?: Type): Value {
    return new Value(T.set(elemType ?? elems[0]?.type ?? T.dynamic), canonicalSet(elems), true, false);
  }
  static tuple(elems: readonly Value[]): Value {
    return new Value(T.tuple(elems.map((e) => e.type)), elems, true, false);
  }
  static map(attrs: ReadonlyMap<string, Value> | Record<string, Value>, elemType?: Type): Value {
    const m = sortedMap(attrs);
    const first = m.values().next().value as Value | undefined;
    return new Value(T.map(elemType ?? first?.type ?? T.dynamic), m, true, false);
  }
  static object(attrs: ReadonlyMap<string, Value> | Record<string, Value>): Value {
    const m = sortedMap(attrs);
    const types: Record<string, Type> = {};
    for (const [k, v] of m) types[k] = v.type;
    return new Value(T.object(types), m, true, false);
  }
  /** Internal: a value of an exact type from already-converted parts. */
  static of(type: Type, raw: Raw): Value {
    if (type.kind === 'set') return new Value(type, canonicalSet(raw as Value[]), true, false);
    if (type.kind === 'map' || type.kind === 'object')
      return new Value(type, sortedMap(raw as ReadonlyMap<string, Value>), true, false);
    return new Value(type, raw, true, false);
  }

  get isNull(): boolean {
    return this.isKnown && this.payload === null;
  }

  /** Known and not null. */
  get isPresent(): boolean {
    return this.payload !== null;
  }

  /** The same value marked sensitive (or not). */
  mark(sensitive = true): Value {
    if (this.isSensitive === sensitive) return this;
    return new Value(this.type, this.payload, this.isKnown, sensitive);
  }
  /** The same value without its own sensitive mark (elements keep theirs). */
  unmark(): Value {
    return this.isSensitive ? new Value(this.type, this.payload, this.isKnown, false) : this;
  }

  /** The string payload; the value must be a known, non-null string. */
  get str(): string {
    return this.payload as string;
  }
  get num(): number {
    return this.payload as number;
  }
  get bool(): boolean {
    return this.payload as boolean;
  }
  /** Elements of a known, non-null list, set or tuple. */
  get elems(): readonly Value[] {
    return this.payload as readonly Value[];
  }
  /** Attributes of a known, non-null map or object, in lexical order. */
  get attrs(): ReadonlyMap<string, Value> {
    return this.payload as ReadonlyMap<string, Value>;
  }
  get raw(): Raw | null {
    return this.payload;
  }

  /** Number of elements or attributes (the value must be a known collection). */
  get length(): number {
    const p = this.payload;
    return Array.isArray(p) ? p.length : (p as ReadonlyMap<string, Value>).size;
  }
}

const TRUE = Value.of(T.bool, true);
const FALSE = Value.of(T.bool, false);

function sortedMap(attrs: ReadonlyMap<string, Value> | Record<string, Value>): ReadonlyMap<string, Value> {
  const entries = attrs instanceof Map ? [...attrs] : Object.entries(attrs as Record<string, Value>);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(entries);
}

/** A stable key for equality and set membership; unknowns never compare equal. */
export function valueKey(v: Value): string {
  if (!v.isKnown) return `?${Math.random()}`;
  if (v.isNull) return 'n';
  const t = v.type.kind;
  switch (t) {
    case 'string':
      return `s${JSON.stringify(v.str)}`;
    case 'number':
      return `#${v.num}`;
    case 'bool':
      return v.bool ? 't' : 'f';
    case 'list':
    case 'set':
    case 'tuple':
      return `[${v.elems.map(valueKey).join(',')}]`;
    default:
      return `{${[...v.attrs].map(([k, e]) => `${JSON.stringify(k)}:${valueKey(e)}`).join(',')}}`;
  }
}

function canonicalSet(elems: readonly Value[]): Value[] {
  const seen = new Map<string, Value>();
  for (const e of elems) {
    const k = valueKey(e);
    if (!seen.has(k)) seen.set(k, e);
  }
  const out = [...seen.values()];
  out.sort(compareSetElems);
  return out;
}

function compareSetElems(a: Value, b: Value): number {
  if (!a.isKnown || !b.isKnown) return (a.isKnown ? 0 : 1) - (b.isKnown ? 0 : 1);
  if (a.type.kind === 'number' && b.type.kind === 'number' && a.isPresent && b.isPresent)
    return a.num - b.num;
  if (a.type.kind === 'string' && b.type.kind === 'string' && a.isPresent && b.isPresent) {
    return a.str < b.str ? -1 : a.str > b.str ? 1 : 0;
  }
  if (a.type.kind === 'bool' && b.type.kind === 'bool' && a.isPresent && b.isPresent) {
    return Number(a.bool) - Number(b.bool);
  }
  const ka = valueKey(a);
  const kb = valueKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
