import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { fromJs } from '../hcl/eval/js.js';
import { numberToString } from '../hcl/eval/number-format.js';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';
import { yamlEncode } from './yaml-encode.js';

const S = T.string;

/** JSON as cty's jsonencode writes it: numbers without exponents, <, > and & escaped as Go does. */
function goJson(v: Value): string {
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string':
      return JSON.stringify(v.str).replace(
        /[<>&\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
    case 'number':
      if (!Number.isFinite(v.num)) fail('cannot serialize infinity as JSON');
      return numberToString(v.num);
    case 'bool':
      return v.bool ? 'true' : 'false';
    case 'list':
    case 'set':
    case 'tuple':
      return `[${v.elems.map(goJson).join(',')}]`;
    default:
      return `{${[...v.attrs].map(([k, e]) => `${goJson(Value.string(k))}:${goJson(e)}`).join(',')}}`;
  }
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (quoted) fail('extraneous or missing " in quoted-field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The yaml library, loaded on first use (most templates never call yamldecode). */
const loadYaml = (): typeof Yaml => createRequire(import.meta.url)('yaml') as typeof Yaml;

/** Encoding functions: json/yaml/csv/base64/url. */
/** What Go's encoding/json says about the first problem in `text` (JSON.parse's words differ). */
function goJsonError(text: string, message: string): string {
  const at = /position (\d+)/.exec(message);
  const end = /end of JSON input|Unterminated/.test(message) || text.trim() === '';
  if (end) return 'EOF';
  if (/Unexpected non-whitespace character after JSON/.test(message))
    return 'extraneous data after JSON object';
  const pos = at ? Number(at[1]) : 0;
  const c = text[pos] ?? '';
  return `invalid character '${c}' looking for beginning of value`;
}

export const encodingFunctions: Record<string, FunctionSpec> = {
  jsonencode: fn([param('val', T.dynamic, { allowNull: true })], S, ([v]) => Value.string(goJson(v!))),
  jsondecode: fn([param('str', S)], T.dynamic, ([s]) => {
    try {
      return fromJs(JSON.parse(s!.str));
    } catch (e) {
      return fail(goJsonError(s!.str, (e as Error).message));
    }
  }),
  yamlencode: fn([param('value', T.dynamic, { allowNull: true })], S, ([v]) => Value.string(yamlEncode(v!))),
  yamldecode: fn([param('src', S)], T.dynamic, ([s]) => {
    if (/^(\s*(#.*)?(\n|$))*$/.test(s!.str)) fail('on line 1, column 1: missing start of document');
    try {
      return fromJs(loadYaml().parse(s!.str, { version: '1.1' }));
    } catch (e) {
      return fail(
        `on line ${(e as { linePos?: [{ line: number }] }).linePos?.[0]?.line ?? '?'}: ${(e as Error).message}`,
      );
    }
  }),
  csvdecode: fn([param('str', S)], T.list(T.dynamic), ([s]) => {
    const [header, ...rows] = parseCsv(s!.str);
    if (!header) fail('missing header line');
    const seen = new Set<string>();
    for (const h of header) {
      if (seen.has(h)) fail(`duplicate column name "${h}"`);
      seen.add(h);
    }
    const out = rows.map((r, i) => {
      if (r.length !== header.length) fail(`CSV parse error on line ${i + 2}: wrong number of fields`);
      return Value.object(Object.fromEntries(header.map((h, j) => [h, Value.string(r[j]!)])));
    });
    const t = T.object(Object.fromEntries(header.map((h) => [h, S])));
    return Value.list(out, t);
  }),
  base64encode: fn([param('str', S)], S, ([s]) =>
    Value.string(Buffer.from(s!.str, 'utf8').toString('base64')),
  ),
  base64decode: fn([param('str', S)], S, ([s]) => {
    const text = s!.str;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
      fail(`failed to decode base64 data '${text}'`);
    const buf = Buffer.from(text, 'base64');
    const out = new TextDecoder('utf-8', { fatal: false }).decode(buf);
    if (!Buffer.from(out, 'utf8').equals(buf))
      // (sic: go-cty-funcs says "the the")
      fail('the result of decoding the the provided string is not valid UTF-8');
    return Value.string(out);
  }),
  urlencode: fn([param('str', S)], S, ([s]) =>
    Value.string(
      encodeURIComponent(s!.str)
        .replace(/%20/g, '+')
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/~/g, '~'),
    ),
  ),
};
