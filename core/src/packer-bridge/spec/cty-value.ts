import { type Diagnostic, Diagnostics } from '@kiln/plugin-sdk';
import type { CtyType, HclSpec } from './hcl-spec.js';

/**
 * Turns a decoded body (attributes by name, blocks as lists of bodies) into
 * the configuration map a Packer plugin's `Prepare` receives: the attributes
 * that are set, converted to the spec's types as cty converts them (numbers
 * and bools to strings and back), single blocks as maps, block lists as lists
 * of maps. This is the form Packer sends for JSON templates; Kiln sends it for
 * every template because it has already checked the body against the spec
 * (see docs/plugins/packer-bridge.md).
 */
export function configToMap(spec: HclSpec, config: Record<string, unknown>): Record<string, unknown> {
  const diags = new Diagnostics();
  const value = objectValue(spec, config, [], diags) as Record<string, unknown>;
  diags.throwIfErrors();
  return value;
}

type Path = (string | number)[];

function objectValue(spec: HclSpec, body: Record<string, unknown>, path: Path, diags: Diagnostics): unknown {
  if (spec.kind !== 'object') return specValue(spec, body, path, diags);
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(spec.attributes)) {
    const v = specValue(s, body, path, diags);
    if (v !== null && !(Array.isArray(v) && v.length === 0 && s.kind === 'blockList')) out[key] = v;
  }
  return out;
}

function specValue(spec: HclSpec, body: Record<string, unknown>, path: Path, diags: Diagnostics): unknown {
  switch (spec.kind) {
    case 'object':
      return objectValue(spec, body, path, diags);
    case 'attr': {
      const v = body[spec.name];
      if (v === undefined || v === null) return null;
      return convert(v, spec.type, [...path, spec.name], diags);
    }
    case 'block': {
      const bodies = blockBodies(body[spec.name]);
      if (bodies.length === 0) return null;
      if (bodies.length > 1) diags.error(`Only one "${spec.name}" block is allowed`, [...path, spec.name, 1]);
      return objectValue(spec.nested, bodies[0]!, [...path, spec.name, 0], diags);
    }
    case 'blockList':
      return blockBodies(body[spec.name]).map((b, i) =>
        objectValue(spec.nested, b, [...path, spec.name, i], diags),
      );
  }
}

function blockBodies(v: unknown): Record<string, unknown>[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null);
}

function convert(v: unknown, t: CtyType, path: Path, diags: Diagnostics): unknown {
  if (v === null || v === undefined) return null;
  const fail = (what: string) => {
    diags.error(`Incorrect attribute value type: ${what}`, path);
    return null;
  };
  if (t === 'string') {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return fail('a string is required');
  }
  if (t === 'number') {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return fail('a number is required');
  }
  if (t === 'bool') {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return fail('a bool is required');
  }
  if ('list' in t) {
    if (!Array.isArray(v)) return fail('a list is required');
    return v.map((e, i) => convert(e, t.list, [...path, i], diags));
  }
  if (typeof v !== 'object' || Array.isArray(v)) return fail('a map is required');
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, e]) => [k, convert(e, t.map, [...path, k], diags)]),
  );
}

/** Packer plugins report prepare errors as one multierror text; each `* line` becomes a diagnostic. */
export function errorDiagnostics(message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic[] {
  const items = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('* '))
    .map((l) => l.slice(2));
  const list = items.length ? items : [message.trim()];
  return list.map((summary) => ({ severity, summary }));
}
