import type { BuildBlockSummary, LoadedConfig } from '../../config/model.js';
import { goQuote } from '../hcl/eval/console-format.js';
import { formatGoG } from '../hcl/eval/number-format.js';
import type { Value } from '../hcl/eval/value.js';

/**
 * `packer inspect`'s output for a loaded configuration, byte for byte as
 * Packer 1.16 prints it. Legacy JSON templates show what the template file
 * says (`jsonText`): raw defaults, builders by name; HCL2 ones show the
 * values in force and each build block as written. Sensitive values are
 * masked wherever they appear, as Packer's output filter does.
 */
export function inspectText(config: LoadedConfig, jsonText?: string): string {
  const text = config.format === 'json' ? inspectLegacy(jsonText ?? '{}') : inspectHcl(config);
  return config.maskSensitive ? config.maskSensitive(text) : text;
}

function inspectHcl(c: LoadedConfig): string {
  let out = 'Packer Inspect: HCL2 mode\n\n> input-variables:\n\n';
  const section = (root: string) => {
    const v = c.scope?.variables.get(root);
    if (!v?.isKnown || v.isNull) return '';
    return [...v.attrs]
      .sort(([a], [b]) => byBytes(a, b))
      .map(([k, x]) => `${root}.${k}: ${goQuote(printable(x))}\n`)
      .join('');
  };
  out += section('var');
  out += '\n> local-variables:\n\n';
  out += section('local');
  out += '\n> builds:\n';
  (c.buildBlocks ?? []).forEach((b, i) => {
    out += buildBlock(b, i);
  });
  return `${out}\n`;
}

function buildBlock(b: BuildBlockSummary, i: number): string {
  let out = `\n  > ${b.name || `<unnamed build ${i}>`}:\n`;
  if (b.description) out += `\n  > Description: ${b.description}\n`;
  out += '\n    sources:\n';
  if (b.sources.length === 0) out += '\n      <no source>\n';
  for (const s of b.sources) out += `\n      ${s}\n`;
  out += '\n    provisioners:\n\n';
  if (b.provisioners.length === 0) out += '      <no provisioner>\n';
  for (const p of b.provisioners) out += `      ${p}\n`;
  out += '\n    post-processors:\n';
  if (b.postProcessors.length === 0) out += '\n      <no post-processor>\n';
  b.postProcessors.forEach((chain, n) => {
    out += `\n      ${n}:\n${chain.map((p) => `        ${p}\n`).join('')}`;
  });
  return out;
}

/** A value as Packer's inspect and console print it: `<unknown>` unless wholly known. */
function printable(v: Value): string {
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
function byBytes(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const NOTE = `Note: If your build names contain user variables or template
functions such as 'timestamp', these are processed at build time,
and therefore only show in their raw form here.
`;

type Json = Record<string, unknown>;

/** Packer's JSON-mode inspect: the template's raw variable defaults, builders sorted by name, provisioners. */
function inspectLegacy(text: string): string {
  const root = JSON.parse(text) as Json;
  let out = 'Packer Inspect: JSON mode\n';
  if (typeof root.description === 'string' && root.description !== '')
    out += `Description:\n\n${root.description}\n\n`;
  const vars = isObject(root.variables) ? root.variables : {};
  const names = Object.keys(vars).sort(byBytes);
  const sensitiveNames = Array.isArray(root['sensitive-variables']) ? root['sensitive-variables'] : [];
  const defaultOf = (k: string) => (typeof vars[k] === 'string' ? (vars[k] as string) : '');
  // Packer masks every variable whose default equals a sensitive variable's default.
  const hidden = new Set(sensitiveNames.filter((n) => typeof n === 'string').map((n) => defaultOf(n)));
  const shown = (k: string) => (hidden.has(defaultOf(k)) ? '<sensitive>' : defaultOf(k));
  if (names.length === 0) out += 'Variables:\n\n  <No variables>\n';
  else {
    const required = names.filter((k) => vars[k] === null);
    if (required.length) out += `Required variables:\n\n${required.map((k) => `  ${k}\n`).join('')}\n`;
    const w = Math.max(...names.map(byteLength));
    out += 'Optional variables and their defaults:\n\n';
    for (const k of names) if (vars[k] !== null) out += `  ${padBytes(k, w)} = ${shown(k)}\n`;
  }
  out += '\nBuilders:\n\n';
  const builders = new Map<string, string>();
  for (const b of Array.isArray(root.builders) ? root.builders : []) {
    if (!isObject(b)) continue;
    const type = typeof b.type === 'string' ? b.type : '';
    builders.set(typeof b.name === 'string' && b.name !== '' ? b.name : type, type);
  }
  if (builders.size === 0) out += '  <No builders>\n';
  else {
    const keys = [...builders.keys()].sort(byBytes);
    const w = Math.max(...keys.map(byteLength));
    for (const k of keys) {
      const type = builders.get(k)!;
      out += `  ${padBytes(k, w)}${k !== type ? ` (${type})` : ''}\n`;
    }
  }
  out += '\nProvisioners:\n\n';
  const provisioners = (Array.isArray(root.provisioners) ? root.provisioners : []).filter(isObject);
  if (provisioners.length === 0) out += '  <No provisioners>\n';
  for (const p of provisioners) out += `  ${typeof p.type === 'string' ? p.type : ''}\n`;
  return `${out}\n${NOTE}`;
}

const byteLength = (s: string) => Buffer.byteLength(s);
const padBytes = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - byteLength(s)));

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
