import { decode } from '@msgpack/msgpack';

type TypeJson = string | [string, unknown];

/**
 * Decodes a cty value in cty's msgpack encoding with the dynamic type (what
 * a Packer data source's `Execute` returns): a two-element array of the
 * type, as JSON bytes, and the value. Objects and maps become plain objects,
 * lists, sets and tuples arrays; unknown values become null.
 */
export function decodeCtyMsgpack(bytes: Uint8Array): unknown {
  return fromValue(decode(bytes), 'dynamic');
}

function fromValue(v: unknown, type: TypeJson): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && v !== null && 'type' in v && 'data' in v && !Array.isArray(v)) return null;
  if (type === 'dynamic') {
    if (!Array.isArray(v) || v.length !== 2) return v;
    const t = JSON.parse(new TextDecoder().decode(v[0] as Uint8Array)) as TypeJson;
    return fromValue(v[1], t);
  }
  if (type === 'number') return typeof v === 'string' ? Number(v) : v;
  if (typeof type === 'string') return v;
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set':
      return (v as unknown[]).map((e) => fromValue(e, inner as TypeJson));
    case 'tuple':
      return (v as unknown[]).map((e, i) => fromValue(e, (inner as TypeJson[])[i] ?? 'dynamic'));
    case 'map':
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, e]) => [k, fromValue(e, inner as TypeJson)]),
      );
    case 'object': {
      const attrs = inner as Record<string, TypeJson>;
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, e]) => [
          k,
          fromValue(e, attrs[k] ?? 'dynamic'),
        ]),
      );
    }
    default:
      return v;
  }
}
