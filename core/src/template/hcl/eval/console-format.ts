import { formatGoG } from './number-format.js';
import type { Value } from './value.js';

/**
 * How Packer's `console` and `inspect` print a value (cty's FormatValue):
 * `<unknown>` unless wholly known; a top-level string bare, nested strings
 * quoted Go-style, lists one element per line with a trailing comma, maps
 * and objects as `"key" = value` lines in Go's key order, null attributes
 * left out. Sensitive marks are ignored: masking is the output's job
 * (`maskSensitive`).
 */
export function printable(v: Value): string {
  if (!whollyKnown(v)) return '<unknown>';
  const u = v.unmark();
  if (!u.isNull && u.type.kind === 'string') return u.str;
  return nested(u);
}

function whollyKnown(v: Value): boolean {
  if (!v.isKnown) return false;
  if (v.isNull) return true;
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      return v.elems.every(whollyKnown);
    case 'map':
    case 'object':
      return [...v.attrs.values()].every(whollyKnown);
    default:
      return true;
  }
}

function nested(value: Value): string {
  const v = value.unmark();
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string':
      return goQuote(v.str);
    case 'number':
      return formatGoG(v.num);
    case 'bool':
      return v.bool ? 'true' : 'false';
    case 'list':
    case 'set':
    case 'tuple':
      if (v.length === 0) return '[]';
      return `[\n${v.elems.map((e) => `${indent(nested(e))},\n`).join('')}]`;
    case 'map':
    case 'object': {
      const entries = [...v.attrs].filter(([, e]) => !e.isNull).sort(([a], [b]) => byBytes(a, b));
      if (entries.length === 0) return '{}';
      return `{\n${entries.map(([k, e]) => `${indent(`${goQuote(k)} = ${nested(e)}`)}\n`).join('')}}`;
    }
    default:
      return '<unknown-type>';
  }
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** Go's sort.Strings order (bytes of UTF-8). */
export function byBytes(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Go's strconv.Quote: printable runes kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (/\p{C}|\p{Z}/u.test(ch) && ch !== ' ') {
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}
