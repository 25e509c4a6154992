import type { Diagnostic } from './diagnostics.js';
import { ConfigError } from './diagnostics.js';
import type { ConfigSchema, TypeExpr } from './schema.js';
import { formatType, parseType } from './schema.js';
import { didYouMean } from './suggest.js';

type Path = (string | number)[];

/**
 * Checks and converts a configuration object against a schema, the way
 * Packer's decoder does: unknown attributes (with a did-you-mean), missing
 * required ones, wrong types; weak conversions as Packer (numbers and bools
 * to strings, "true"/"1" to bool and number, one value to a one-element list).
 * Defaults are filled in. Returns every problem, never throws.
 */
export function decodeConfig(
  schema: ConfigSchema,
  raw: Record<string, unknown>,
  options: DecodeOptions = {},
): { value: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const value = decodeBody(schema, raw, [], diagnostics, options);
  return { value, diagnostics };
}

/** How strictly {@link decodeConfig} converts. */
export interface DecodeOptions {
  /**
   * The body came from HCL2: a single value where a list or set is required
   * is an error, as Packer's HCL decoder says ("list of string required"),
   * instead of the legacy JSON decoder's one-element list.
   */
  hcl?: boolean;
}

/** Like {@link decodeConfig}, but throws a ConfigError when anything is wrong. */
export function decodeConfigOrThrow(
  schema: ConfigSchema,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const { value, diagnostics } = decodeConfig(schema, raw);
  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return value;
}

function decodeBody(
  schema: ConfigSchema,
  raw: Record<string, unknown>,
  path: Path,
  diags: Diagnostic[],
  options: DecodeOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const blocks = schema.blocks ?? {};
  const aliasOf = new Map<string, string>();
  for (const [name, spec] of Object.entries(schema.attributes)) {
    for (const a of spec.aliases ?? []) aliasOf.set(a, name);
  }
  const known = [...Object.keys(schema.attributes), ...Object.keys(blocks), ...aliasOf.keys()];
  for (const [key, v] of Object.entries(raw)) {
    const name = aliasOf.get(key) ?? key;
    const attr = schema.attributes[name];
    if (attr) {
      if (attr.deprecated) {
        diags.push({
          severity: 'warning',
          summary: `"${key}" is deprecated: ${attr.deprecated}`,
          path: [...path, key],
        });
      }
      if (v === null || v === undefined) continue;
      const type = parseType(attr.type);
      if (options.hcl && (type.kind === 'list' || type.kind === 'set') && !Array.isArray(v)) {
        diags.push({
          severity: 'error',
          summary: 'Incorrect attribute value type',
          detail: `Inappropriate value for attribute "${key}": ${type.kind} of ${formatType(type.element)} required.`,
          path: [...path, key],
        });
        continue;
      }
      out[name] = convert(type, v, [...path, key], diags);
      continue;
    }
    const block = blocks[key];
    if (block) {
      if (block.nesting === 'single') {
        const body = Array.isArray(v) ? v[0] : v;
        if (Array.isArray(v) && v.length > 1) {
          diags.push({
            severity: 'error',
            summary: `Duplicate "${key}" block: only one is allowed`,
            path: [...path, key, 1],
          });
        }
        if (isObject(body)) out[key] = decodeBody(block.body, body, [...path, key], diags, options);
        else diags.push({ severity: 'error', summary: `"${key}" must be a block`, path: [...path, key] });
      } else {
        const items = Array.isArray(v) ? v : [v];
        out[key] = items.map((item, i) =>
          isObject(item)
            ? decodeBody(block.body, item, [...path, key, i], diags, options)
            : (diags.push({
                severity: 'error',
                summary: `"${key}" must be a block`,
                path: [...path, key, i],
              }),
              {}),
        );
        checkCount(key, block.minItems, block.maxItems, items.length, path, diags);
      }
      continue;
    }
    if (schema.open) {
      out[key] = v;
      continue;
    }
    const hint = didYouMean(key, known);
    diags.push({
      severity: 'error',
      summary: `Unsupported argument "${key}"`,
      detail: hint
        ? `An argument named "${key}" is not expected here. Did you mean "${hint}"?`
        : `An argument named "${key}" is not expected here.`,
      path: [...path, key],
    });
  }
  for (const [name, spec] of Object.entries(schema.attributes)) {
    if (name in out) continue;
    if (spec.required) {
      diags.push({
        severity: 'error',
        summary: `Missing required argument "${name}"`,
        detail: spec.description,
        path,
      });
    } else if (spec.default !== undefined) {
      out[name] = structuredClone(spec.default);
    }
  }
  for (const [name, block] of Object.entries(blocks)) {
    if (!(name in raw) && (block.minItems ?? 0) > 0)
      checkCount(name, block.minItems, block.maxItems, 0, path, diags);
  }
  return out;
}

function checkCount(
  name: string,
  min: number | undefined,
  max: number | undefined,
  n: number,
  path: Path,
  diags: Diagnostic[],
) {
  if (min !== undefined && n < min) {
    diags.push({
      severity: 'error',
      summary: `At least ${min} "${name}" block(s) required, found ${n}`,
      path,
    });
  }
  if (max !== undefined && n > max) {
    diags.push({
      severity: 'error',
      summary: `At most ${max} "${name}" block(s) allowed, found ${n}`,
      path: [...path, name],
    });
  }
}

function convert(t: TypeExpr, v: unknown, path: Path, diags: Diagnostic[]): unknown {
  const wrong = (): unknown => {
    diags.push({
      severity: 'error',
      summary: `Incorrect attribute value type: ${formatType(t)} required, got ${describe(v)}`,
      path,
    });
    return v;
  };
  switch (t.kind) {
    case 'any':
      return v;
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return wrong();
    case 'number':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      return wrong();
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      return wrong();
    case 'list':
    case 'set': {
      const items = Array.isArray(v) ? v : [v];
      return items.map((item, i) => convert(t.element, item, [...path, i], diags));
    }
    case 'map':
      if (!isObject(v)) return wrong();
      return Object.fromEntries(
        Object.entries(v).map(([k, item]) => [k, convert(t.element, item, [...path, k], diags)]),
      );
    case 'object': {
      if (!isObject(v)) return wrong();
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const at = t.attributes[k];
        if (!at) {
          diags.push({ severity: 'error', summary: `Unsupported attribute "${k}"`, path: [...path, k] });
          continue;
        }
        out[k] = convert(at, item, [...path, k], diags);
      }
      for (const k of Object.keys(t.attributes)) {
        if (!(k in v) && !t.optional.has(k)) {
          diags.push({ severity: 'error', summary: `Missing attribute "${k}"`, path });
        }
      }
      return out;
    }
    case 'tuple':
      if (!Array.isArray(v) || v.length !== t.elements.length) return wrong();
      return v.map((item, i) => convert(t.elements[i]!, item, [...path, i], diags));
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
