import { parseDuration } from '@kiln/plugin-sdk';
import type { Node } from 'jsonc-parser';
import type { TemplateDiagnostic } from '../../config/source-range.js';
import { type JsonDocument, nodeRange, properties, property } from './json-document.js';

/** One entry of "builders", "provisioners" or a post-processor chain, checked. */
export interface LegacyEntry {
  type: string;
  node: Node;
  name?: string;
}

/** The string value of a key, or an error when it is there but not a string. */
export function stringField(
  doc: JsonDocument,
  node: Node,
  key: string,
  diags: TemplateDiagnostic[],
): string | undefined {
  const v = property(node, key);
  if (!v) return undefined;
  if (v.type === 'string') return String(v.value);
  diags.push({ severity: 'error', summary: `"${key}" must be a string`, range: nodeRange(doc, v) });
  return undefined;
}

/** A list of strings (only/except). */
export function stringList(
  doc: JsonDocument,
  node: Node,
  key: string,
  diags: TemplateDiagnostic[],
): string[] {
  const v = property(node, key);
  if (!v) return [];
  if (v.type !== 'array' || (v.children ?? []).some((c) => c.type !== 'string')) {
    diags.push({
      severity: 'error',
      summary: `"${key}" must be a list of strings`,
      range: nodeRange(doc, v),
    });
    return [];
  }
  return (v.children ?? []).map((c) => String(c.value));
}

/** A Go duration field ("30s", "1m") in milliseconds; 0 when absent. */
export function durationField(
  doc: JsonDocument,
  node: Node,
  key: string,
  diags: TemplateDiagnostic[],
): number {
  const v = property(node, key);
  if (!v) return 0;
  const ms = v.type === 'string' ? parseDuration(String(v.value)) : undefined;
  if (ms === undefined) {
    diags.push({
      severity: 'error',
      summary: `"${key}" is not a valid duration`,
      detail: 'Use a duration such as "30s", "5m" or "1h30m".',
      range: nodeRange(doc, v),
    });
    return 0;
  }
  return ms;
}

/** max_retries: a number or a numeric string. */
export function retriesField(doc: JsonDocument, node: Node, diags: TemplateDiagnostic[]): number {
  const v = property(node, 'max_retries');
  if (!v) return 0;
  const n = v.type === 'number' ? Number(v.value) : v.type === 'string' ? Number(v.value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) {
    diags.push({
      severity: 'error',
      summary: '"max_retries" must be a whole number',
      range: nodeRange(doc, v),
    });
    return 0;
  }
  return n;
}

/** Checks that an entry is an object with a string "type". */
export function entryOf(
  doc: JsonDocument,
  node: Node,
  what: string,
  diags: TemplateDiagnostic[],
): LegacyEntry | undefined {
  if (node.type === 'string' && what === 'post-processor') return { type: String(node.value), node };
  if (node.type !== 'object') {
    diags.push({ severity: 'error', summary: `Each ${what} must be an object`, range: nodeRange(doc, node) });
    return undefined;
  }
  const t = property(node, 'type');
  if (t?.type !== 'string' || t.value === '') {
    diags.push({
      severity: 'error',
      summary: `${what} is missing "type"`,
      detail: `Every ${what} needs a "type" naming the component, e.g. "type": "docker".`,
      range: nodeRange(doc, t ?? node),
    });
    return undefined;
  }
  const name = property(node, 'name');
  return { type: String(t.value), node, ...(name?.type === 'string' ? { name: String(name.value) } : {}) };
}

/** The elements of a top-level list section, or an error when it is not a list. */
export function listSection(doc: JsonDocument, root: Node, key: string, diags: TemplateDiagnostic[]): Node[] {
  const v = property(root, key);
  if (!v) return [];
  if (v.type !== 'array') {
    diags.push({ severity: 'error', summary: `"${key}" must be a list`, range: nodeRange(doc, v) });
    return [];
  }
  return v.children ?? [];
}

/** Keys allowed at the template's top level (keys starting with "_" are comments). */
export const ROOT_KEYS = new Set([
  'description',
  'min_packer_version',
  'variables',
  'sensitive-variables',
  'builders',
  'provisioners',
  'post-processors',
  'error-cleanup-provisioner',
]);

/** Reports unknown top-level keys, as Packer does. */
export function checkRootKeys(doc: JsonDocument, root: Node, diags: TemplateDiagnostic[]): void {
  for (const [k, keyNode] of properties(root)) {
    if (ROOT_KEYS.has(k) || k.startsWith('_')) continue;
    diags.push({
      severity: 'error',
      summary: `Unknown root level key in template: "${k}"`,
      detail: `A legacy JSON template may contain ${[...ROOT_KEYS].map((x) => `"${x}"`).join(', ')}.`,
      range: nodeRange(doc, keyNode),
    });
  }
}
