import { numberToString } from '../hcl/eval/number-format.js';
import type { Value } from '../hcl/eval/value.js';

/**
 * YAML in the layout Packer's yamlencode (go-cty-yaml) writes: strings and
 * keys double-quoted, multi-line strings as literal blocks, sequences not
 * indented under their key, `{}`/`[]` for empty collections.
 */
export function yamlEncode(v: Value): string {
  // go-yaml ends a document whose root is a plain (unquoted) scalar with "...".
  const plain = v.isNull || v.type.kind === 'number' || v.type.kind === 'bool';
  return `${block(v, '').replace(/^\n/, '')}\n${plain ? '...\n' : ''}`;
}

function quote(s: string): string {
  return `"${[...s]
    .map((c) => {
      if (c !== '\\' && c !== '"' && !isControl(c)) return c;
      switch (c) {
        case '\\':
          return '\\\\';
        case '"':
          return '\\"';
        case '\t':
          return '\\t';
        case '\r':
          return '\\r';
        case '\n':
          return '\\n';
        default:
          return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
      }
    })
    .join('')}"`;
}

function scalar(v: Value, indent: string): string | undefined {
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string': {
      const s = v.str;
      if (
        s.includes('\n') &&
        ![...s].some((c) => c !== '\n' && c !== '\t' && isControl(c)) &&
        !/^\s/.test(s)
      ) {
        const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '|+' : '|') : '|-';
        const body = s.replace(/\n$/, '').split('\n');
        return `${chomp}\n${body.map((l) => (l ? `${indent}  ${l}` : '')).join('\n')}`;
      }
      return quote(s);
    }
    case 'number':
      return numberToString(v.num);
    case 'bool':
      return v.bool ? 'true' : 'false';
    case 'list':
    case 'set':
    case 'tuple':
      return v.length === 0 ? '[]' : undefined;
    default:
      return v.length === 0 ? '{}' : undefined;
  }
}

/** A value placed after a key or dash: scalars inline, collections on the following lines. */
function block(v: Value, indent: string): string {
  const s = scalar(v, indent);
  if (s !== undefined) return s;
  const kind = v.type.kind;
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    return v.elems.map((e) => `\n${indent}- ${item(e, `${indent}  `)}`).join('');
  }
  return [...v.attrs].map(([k, e]) => `\n${indent}${quote(k)}:${after(e, indent)}`).join('');
}

function after(e: Value, indent: string): string {
  const s = scalar(e, indent);
  if (s !== undefined) return ` ${s}`;
  const kind = e.type.kind;
  return block(e, kind === 'list' || kind === 'set' || kind === 'tuple' ? indent : `${indent}  `);
}

/** An element after "- ": a map's first key goes on the dash line. */
function item(e: Value, indent: string): string {
  const s = scalar(e, indent.slice(2));
  if (s !== undefined) return s;
  return block(e, indent).replace(/^\n\s*/, '');
}

function isControl(c: string): boolean {
  const n = c.charCodeAt(0);
  return n < 0x20 || n === 0x7f;
}
