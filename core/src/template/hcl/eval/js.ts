import { Value } from './value.js';

/**
 * A plain JS value (JSON-like: variables from -var-file JSON, PKR_VAR_*,
 * plugin outputs) as an HCL value: arrays become tuples, plain objects become
 * objects, undefined and null become null. A Value passes through unchanged.
 */
export function fromJs(x: unknown): Value {
  if (x instanceof Value) return x;
  if (x === null || x === undefined) return Value.null();
  switch (typeof x) {
    case 'string':
      return Value.string(x);
    case 'number':
      return Value.number(x);
    case 'bigint':
      return Value.number(Number(x));
    case 'boolean':
      return Value.bool(x);
    default:
      break;
  }
  if (Array.isArray(x)) return Value.tuple(x.map(fromJs));
  if (x instanceof Map) return Value.object(new Map([...x].map(([k, v]) => [String(k), fromJs(v)])));
  if (typeof x === 'object') {
    return Value.object(
      Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, fromJs(v)])),
    );
  }
  throw new TypeError(`cannot represent a ${typeof x} as an HCL value`);
}

/** Thrown by toJs when the value (or a part of it, at `path`) is unknown. */
export class UnknownValueError extends Error {
  constructor(readonly path: (string | number)[]) {
    super(`value${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')} is not known yet`);
    this.name = 'UnknownValueError';
  }
}

/**
 * A value as plain JS (strings, numbers, booleans, null, arrays, plain
 * objects) for component configuration. Sensitive marks are dropped (use
 * containsSensitive first to mask output). Unknown values throw
 * UnknownValueError unless `unknownAs` says what to put in their place.
 */
export function toJs(v: Value, opts: { unknownAs?: (path: (string | number)[]) => unknown } = {}): unknown {
  return toJsAt(v, [], opts.unknownAs);
}

function toJsAt(
  v: Value,
  path: (string | number)[],
  unknownAs?: (path: (string | number)[]) => unknown,
): unknown {
  if (!v.isKnown) {
    if (unknownAs) return unknownAs(path);
    throw new UnknownValueError(path);
  }
  if (v.isNull) return null;
  switch (v.type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.raw;
    case 'list':
    case 'set':
    case 'tuple':
      return v.elems.map((e, i) => toJsAt(e, [...path, i], unknownAs));
    default: {
      const out: Record<string, unknown> = {};
      for (const [k, e] of v.attrs) out[k] = toJsAt(e, [...path, k], unknownAs);
      return out;
    }
  }
}
