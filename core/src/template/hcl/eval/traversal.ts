import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import { tryConvert } from './convert.js';
import { evalError } from './eval-diagnostics.js';
import { type ObjectType, T, type Type } from './types.js';
import { Value } from './value.js';

type Diags = TemplateDiagnostic[];

const markLike = (from: Value, v: Value) => (from.isSensitive ? v.mark() : v);

/** `v.name`: an object's attribute or a map's element. Problems go to `diags`; the result is then unknown. */
export function getAttr(v: Value, name: string, range: SourceRange, diags: Diags): Value {
  const t = v.type;
  if (v.isNull && v.isKnown) {
    diags.push(
      evalError(
        'Attempt to get attribute from null value',
        'This value is null, so it does not have any attributes.',
        range,
      ),
    );
    return Value.unknown();
  }
  switch (t.kind) {
    case 'dynamic':
      return markLike(v, Value.unknown());
    case 'object': {
      if (!(name in t.attrs)) {
        diags.push(
          evalError(
            'Unsupported attribute',
            `This object does not have an attribute named "${name}".`,
            range,
          ),
        );
        return Value.unknown();
      }
      if (!v.isKnown) return markLike(v, Value.unknown(t.attrs[name]!));
      return markLike(v, v.attrs.get(name)!);
    }
    case 'map': {
      if (!v.isKnown) return markLike(v, Value.unknown(t.elem));
      const e = v.attrs.get(name);
      if (!e) {
        diags.push(
          evalError(
            'Missing map element',
            `This map does not have an element with the key "${name}".`,
            range,
          ),
        );
        return Value.unknown();
      }
      return markLike(v, e);
    }
    default:
      diags.push(evalError('Unsupported attribute', noAttributes(t, name), range));
      return Value.unknown();
  }
}

/** Why a value that is not an object or map has no attribute `name` (hcl.GetAttr). */
function noAttributes(t: Type, name: string): string {
  if (t.kind === 'list' && t.elem.kind === 'object') {
    return name in t.elem.attrs
      ? `Can't access attributes on a list of objects. Did you mean to access attribute "${name}" for a specific element of the list, or across all elements of the list?`
      : "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?";
  }
  if (t.kind === 'set' && t.elem.kind === 'object') {
    return "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?";
  }
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'bool') {
    return `Can't access attributes on a primitive-typed value (${t.kind}).`;
  }
  return 'This value does not have any attributes.';
}

/** `v[key]`: a list/tuple element by number, a map/object element by string. */
export function getIndex(v: Value, key: Value, range: SourceRange, diags: Diags): Value {
  const t = v.type;
  if (v.isNull && v.isKnown) {
    diags.push(
      evalError('Attempt to index null value', 'This value is null, so it does not have any indices.', range),
    );
    return Value.unknown();
  }
  if (key.isNull && key.isKnown) {
    diags.push(evalError('Invalid index', "Can't use a null value as an indexing key.", range));
    return Value.unknown();
  }
  const sens = (out: Value) => (key.isSensitive ? markLike(v, out).mark() : markLike(v, out));
  switch (t.kind) {
    case 'dynamic':
      return sens(Value.unknown());
    case 'list':
    case 'tuple': {
      const k = tryConvert(key.unmark(), T.number);
      if (!k) {
        diags.push(invalidIndex(`: ${keyConversionError(key, 'number')}`, range));
        return Value.unknown();
      }
      if (!k.isKnown || !v.isKnown) return sens(Value.unknown(elemTypeAt(t, k)));
      const i = k.num;
      if (!Number.isInteger(i) || i < 0 || i >= v.length) {
        diags.push(invalidIndex(outOfRange(i, v.length), range));
        return Value.unknown();
      }
      return sens(v.elems[i]!);
    }
    case 'map':
    case 'object': {
      const k = tryConvert(key.unmark(), T.string);
      if (!k) {
        diags.push(invalidIndex(`: ${keyConversionError(key, 'string')}`, range));
        return Value.unknown();
      }
      if (!k.isKnown) return sens(Value.unknown(t.kind === 'map' ? t.elem : T.dynamic));
      if (t.kind === 'object' && !(k.str in t.attrs)) {
        const byNumber = key.type.kind === 'number';
        diags.push(
          invalidIndex(
            byNumber ? '. An object only supports looking up attributes by name, not by numeric index' : '',
            range,
          ),
        );
        return Value.unknown();
      }
      if (!v.isKnown) return sens(Value.unknown(t.kind === 'map' ? t.elem : (t as ObjectType).attrs[k.str]!));
      const e = v.attrs.get(k.str);
      if (!e) {
        diags.push(
          evalError(
            'Invalid index',
            'The given key does not identify an element in this collection value.',
            range,
          ),
        );
        return Value.unknown();
      }
      return sens(e);
    }
    case 'set':
      diags.push(
        evalError(
          'Invalid index',
          "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
          range,
        ),
      );
      return Value.unknown();
    default:
      diags.push(evalError('Invalid index', `This value does not have any indices.`, range));
      return Value.unknown();
  }
}

function elemTypeAt(t: Type, k: Value): Type {
  if (t.kind === 'list') return t.elem;
  if (t.kind === 'tuple' && k.isKnown && Number.isInteger(k.num)) return t.elems[k.num] ?? T.dynamic;
  return T.dynamic;
}

function invalidIndex(why: string, range: SourceRange): TemplateDiagnostic {
  return evalError(
    'Invalid index',
    `The given key does not identify an element in this collection value${why}.`,
    range,
  );
}

/** HCL's reason a sequence has no element at a known number key (hcl.Index). */
function outOfRange(i: number, length: number): string {
  if (!Number.isInteger(i)) {
    return ': indexing a sequence requires a whole number, but the given index has a fractional part';
  }
  if (i < 0) return ': a negative number is not a valid index for a sequence';
  // hcl.Index explains only an index up to the length (its test is
  // `index - length < 1`); a larger one gets the plain message.
  if (i - length >= 1) return '';
  return length === 0
    ? ': the collection has no elements'
    : ': the given index is greater than or equal to the length of the collection';
}

/** cty's conversion message for a key of the wrong type. */
function keyConversionError(key: Value, want: 'number' | 'string'): string {
  if (want === 'number' && key.type.kind === 'string') return 'a number is required';
  return `${want} required`;
}
