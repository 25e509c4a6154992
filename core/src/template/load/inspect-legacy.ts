import { byBytes } from '../hcl/eval/console-format.js';
import type { InspectEvent } from './inspect.js';

type Json = Record<string, unknown>;

const NOTE = `
Note: If your build names contain user variables or template
functions such as 'timestamp', these are processed at build time,
and therefore only show in their raw form here.`;

/**
 * Packer's JSON-mode inspect, message by message: the template's
 * description, its raw variable defaults, builders sorted by name and
 * provisioners, with the machine-readable records Packer emits beside them.
 */
export function inspectLegacyEvents(text: string): InspectEvent[] {
  const root = JSON.parse(text) as Json;
  const out: InspectEvent[] = [];
  const say = (s: string) => out.push({ say: s });
  const machine = (type: string, ...args: string[]) => out.push({ machine: type, args });
  say('Packer Inspect: JSON mode');
  if (typeof root.description === 'string' && root.description !== '') {
    say('Description:\n');
    say(`${root.description}\n`);
  }
  const vars = isObject(root.variables) ? root.variables : {};
  const names = Object.keys(vars).sort(byBytes);
  const sensitiveNames = Array.isArray(root['sensitive-variables']) ? root['sensitive-variables'] : [];
  const defaultOf = (k: string) => (typeof vars[k] === 'string' ? (vars[k] as string) : '');
  // Packer masks every variable whose default equals a sensitive variable's default.
  const hidden = new Set(sensitiveNames.filter((n) => typeof n === 'string').map((n) => defaultOf(n)));
  const shown = (k: string) => (hidden.has(defaultOf(k)) ? '<sensitive>' : defaultOf(k));
  if (names.length === 0) {
    say('Variables:\n');
    say('  <No variables>');
  } else {
    const required = names.filter((k) => vars[k] === null);
    if (required.length) say('Required variables:\n');
    for (const k of required) {
      machine('template-variable', k, shown(k), '1');
      say(`  ${k}`);
    }
    if (required.length) say('');
    say('Optional variables and their defaults:\n');
    const w = Math.max(...names.map(byteLength));
    for (const k of names) {
      if (vars[k] === null) continue;
      machine('template-variable', k, shown(k), '0');
      say(`  ${padBytes(k, w)} = ${shown(k)}`);
    }
  }
  say('');
  say('Builders:\n');
  const builders = new Map<string, string>();
  for (const b of Array.isArray(root.builders) ? root.builders : []) {
    if (!isObject(b)) continue;
    const type = typeof b.type === 'string' ? b.type : '';
    builders.set(typeof b.name === 'string' && b.name !== '' ? b.name : type, type);
  }
  if (builders.size === 0) say('  <No builders>');
  const keys = [...builders.keys()].sort(byBytes);
  const w = Math.max(0, ...keys.map(byteLength));
  for (const k of keys) {
    const type = builders.get(k)!;
    machine('template-builder', k, type);
    say(`  ${padBytes(k, w)}${k !== type ? ` (${type})` : ''}`);
  }
  say('');
  say('Provisioners:\n');
  const provisioners = (Array.isArray(root.provisioners) ? root.provisioners : []).filter(isObject);
  if (provisioners.length === 0) say('  <No provisioners>');
  for (const p of provisioners) {
    const type = typeof p.type === 'string' ? p.type : '';
    machine('template-provisioner', type);
    say(`  ${type}`);
  }
  say(NOTE);
  return out;
}

const byteLength = (s: string) => Buffer.byteLength(s);
const padBytes = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - byteLength(s)));

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
