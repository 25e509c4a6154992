import type { ComponentKind, ConfigSchema } from '@kiln/plugin-sdk';
import { hclBody, hclValue, isObject, type Json, type JsonObject } from './body.js';
import { hclString } from './hcl-text.js';
import type { TranslateContext } from './translate.js';

/** A legacy builder as an HCL2 source. */
export interface SourceRef {
  type: string;
  /** The legacy build name (the builder's name, or its type). */
  buildName: string;
  /** The source's name: the build name made safe for a reference. */
  name: string;
}

/** Looks up a component's schema; undefined when unknown. */
export type SchemaLookup = (kind: ComponentKind, type: string) => Promise<ConfigSchema | undefined>;

/** Rewrites legacy only/except build names into HCL2 source names (`type.name`). */
function buildNames(list: Json | undefined, sources: SourceRef[]): string[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((n) => {
    const s = sources.find((x) => x.buildName === String(n));
    return s ? `${s.type}.${s.name}` : String(n);
  });
}

/** The `build` block: sources, provisioners, error-cleanup provisioner and post-processor chains. */
export async function buildBlock(
  root: JsonObject,
  sources: SourceRef[],
  schemaFor: SchemaLookup,
  ctx: TranslateContext,
): Promise<string> {
  let out = 'build {\n';
  if (typeof root.description === 'string') out += `  description = ${hclString(root.description)}\n\n`;
  out += `  sources = [${sources.map((s) => hclString(`source.${s.type}.${s.name}`)).join(', ')}]\n`;
  const provisioners = Array.isArray(root.provisioners) ? root.provisioners.filter(isObject) : [];
  for (const p of provisioners) out += `\n${await provisioner('provisioner', p, sources, schemaFor, ctx)}`;
  const cleanup = root['error-cleanup-provisioner'];
  if (isObject(cleanup))
    out += `\n${await provisioner('error-cleanup-provisioner', cleanup, sources, schemaFor, ctx)}`;
  for (const chain of Array.isArray(root['post-processors']) ? root['post-processors'] : []) {
    const pps = (Array.isArray(chain) ? chain : [chain]).map((pp) =>
      typeof pp === 'string' ? { type: pp } : pp,
    );
    const blocks: string[] = [];
    for (const pp of pps.filter(isObject))
      blocks.push(await postProcessor(pp, sources, schemaFor, ctx, pps.length > 1 ? '    ' : '  '));
    if (blocks.length === 0) continue;
    out += pps.length > 1 ? `\n  post-processors {\n${blocks.join('')}  }\n` : `\n${blocks.join('')}`;
  }
  return `${out}}\n`;
}

async function provisioner(
  blockType: string,
  p: JsonObject,
  sources: SourceRef[],
  schemaFor: SchemaLookup,
  ctx: TranslateContext,
): Promise<string> {
  const { type, only, except, override, ...body } = p;
  const t = String(type);
  const schema = await schemaFor('provisioner', t);
  const meta: JsonObject = {};
  const o = buildNames(only, sources);
  const e = buildNames(except, sources);
  if (o) meta.only = o;
  if (e) meta.except = e;
  let out = `  ${blockType} ${hclString(t)} {\n`;
  out += hclBody(meta, undefined, ctx, '    ');
  out += hclBody(body, schema, ctx, '    ');
  if (isObject(override)) {
    const renamed: JsonObject = {};
    for (const [k, v] of Object.entries(override))
      renamed[sources.find((s) => s.buildName === k)?.name ?? k] = v;
    out += `    override = ${hclValue(renamed, ctx, '    ')}\n`;
  }
  return `${out}  }\n`;
}

async function postProcessor(
  pp: JsonObject,
  sources: SourceRef[],
  schemaFor: SchemaLookup,
  ctx: TranslateContext,
  indent: string,
): Promise<string> {
  const { type, only, except, ...body } = pp;
  const t = String(type);
  const schema = await schemaFor('post-processor', t);
  const meta: JsonObject = {};
  const o = buildNames(only, sources);
  const e = buildNames(except, sources);
  if (o) meta.only = o;
  if (e) meta.except = e;
  return `${indent}post-processor ${hclString(t)} {\n${hclBody(meta, undefined, ctx, `${indent}  `)}${hclBody(body, schema, ctx, `${indent}  `)}${indent}}\n`;
}
