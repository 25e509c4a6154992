import type { ConfigSchema } from '@kiln/plugin-sdk';
import { comment, hclKey, IDENTIFIER } from './hcl-text.js';
import { type TranslateContext, translateString } from './translate.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON value as an HCL2 expression, its strings translated from Go templates. */
export function hclValue(v: Json, ctx: TranslateContext, indent = ''): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return translateString(v, ctx);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => hclValue(x, ctx, `${indent}  `));
    const line = `[${items.join(', ')}]`;
    if (items.length < 2 || (line.length <= 100 && !line.includes('\n'))) return line;
    return `[\n${items.map((x) => `${indent}  ${x},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, x]) => `${inner}${hclKey(k)} = ${hclValue(x, ctx, inner)}\n`).join('')}${indent}}`;
}

/**
 * The inside of a block for a JSON object: attributes, and nested blocks
 * where the component's schema says so (or, without a schema, where the
 * value holds objects, as Packer's upgrade guesses). Keys starting with an
 * underscore (JSON "comments") become comments.
 */
export function hclBody(
  obj: JsonObject,
  schema: ConfigSchema | undefined,
  ctx: TranslateContext,
  indent: string,
): string {
  let out = '';
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith('_')) {
      out += comment(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`, indent);
      continue;
    }
    if (!IDENTIFIER.test(key)) {
      out += comment(
        `"${key}" is not a valid HCL2 argument name; it was left out: ${JSON.stringify(value)}`,
        indent,
      );
      continue;
    }
    const block = blockSpec(schema, key);
    const asBlocks =
      block !== undefined
        ? isObject(value) || (Array.isArray(value) && value.every(isObject))
        : !attributeKnown(schema, key) && holdsBlocks(value);
    if (asBlocks) {
      for (const item of Array.isArray(value) ? value : [value]) {
        out += `${indent}${key} {\n${hclBody(item as JsonObject, block?.body, ctx, `${indent}  `)}${indent}}\n`;
      }
      continue;
    }
    // A JSON template may give one value where a list is expected (Packer's
    // decoder wraps it); HCL2 wants the list.
    const listed = isListAttribute(schema, key) && value !== null && typeof value !== 'object';
    out += `${indent}${key} = ${hclValue(listed ? [value] : value, ctx, indent)}\n`;
  }
  return out;
}

function isListAttribute(schema: ConfigSchema | undefined, key: string): boolean {
  const spec =
    schema?.attributes[key] ?? Object.values(schema?.attributes ?? {}).find((a) => a.aliases?.includes(key));
  return spec !== undefined && /^(list|set)\(/.test(spec.type);
}

function blockSpec(schema: ConfigSchema | undefined, key: string) {
  return schema?.blocks?.[key];
}

function attributeKnown(schema: ConfigSchema | undefined, key: string): boolean {
  if (!schema) return false;
  if (schema.attributes[key]) return true;
  return Object.values(schema.attributes).some((a) => a.aliases?.includes(key));
}

/** Packer's guess without a schema: an object holding objects or lists, or a list of objects, is a block. */
function holdsBlocks(value: Json): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isObject);
  if (!isObject(value)) return false;
  const items = Object.values(value);
  return items.length > 0 && items.some((x) => typeof x === 'object' && x !== null);
}

export type { Json, JsonObject };
export { isObject };
