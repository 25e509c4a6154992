import { createHash } from 'node:crypto';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

/** RFC 4122's well-known namespaces, by the names go-cty-funcs accepts. */
const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** The 16 bytes of a UUID in one of the text forms google/uuid parses, or why not. */
function uuidBytes(s: string): Buffer | string {
  let hex: string;
  if (s.length === 36) {
    if (s[8] !== '-' || s[13] !== '-' || s[18] !== '-' || s[23] !== '-') return 'invalid UUID format';
    hex = s.replace(/-/g, '');
  } else if (s.length === 38 && s[0] === '{' && s[37] === '}') {
    return uuidBytes(s.slice(1, 37));
  } else if (s.length === 45 && s.toLowerCase().startsWith('urn:uuid:')) {
    return uuidBytes(s.slice(9));
  } else if (s.length === 32) {
    hex = s;
  } else {
    return `invalid UUID length: ${s.length}`;
  }
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return 'invalid UUID format';
  return Buffer.from(hex, 'hex');
}

/** uuidv5(namespace, name): a name-based (SHA-1) UUID. */
export const uuidV5: FunctionSpec = fn(
  [param('namespace', T.string), param('name', T.string)],
  T.string,
  ([ns, name]) => {
    const space = uuidBytes(NAMESPACES[ns!.str] ?? ns!.str);
    if (typeof space === 'string') fail(`uuidv5() doesn't support namespace ${ns!.str} (${space})`);
    const h = createHash('sha1').update(space).update(name!.str, 'utf8').digest().subarray(0, 16);
    h[6] = (h[6]! & 0x0f) | 0x50;
    h[8] = (h[8]! & 0x3f) | 0x80;
    const x = h.toString('hex');
    return Value.string(
      `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`,
    );
  },
);
