import { formatGoG } from './number-format.js';
import type { Value } from './value.js';

/**
 * A value laid out the way `packer console` prints it: a top-level string
 * bare, nested strings quoted Go-style, lists one element per line with a
 * trailing comma, maps and objects as `"key" = value` lines in key order
 * (null attributes left out), sensitive values as `(sensitive value)` and
 * unknown ones as `(known after build)`.
 */
export function formatConsoleValue(v: Value): string {
  if (v.isKnown && !v.isNull && v.type.kind === 'string' && !v.isSensitive) return v.str;
  return format(v, '');
}

function format(v: Value, indent: string): string {
  if (v.isSensitive) return '(sensitive value)';
  if (!v.isKnown) return '(known after build)';
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
    case 'tuple': {
      if (v.length === 0) return '[]';
      const inner = `${indent}  `;
      return `[\n${v.elems.map((e) => `${inner}${format(e, inner)},\n`).join('')}${indent}]`;
    }
    default: {
      const entries = [...v.attrs].filter(([, e]) => !(e.isKnown && e.isNull));
      if (entries.length === 0) return '{}';
      const inner = `${indent}  `;
      return `{\n${entries.map(([k, e]) => `${inner}${goQuote(k)} = ${format(e, inner)}\n`).join('')}${indent}}`;
    }
  }
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
