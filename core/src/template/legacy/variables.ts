import { readFileSync } from 'node:fs';
import type { Node } from 'jsonc-parser';
import type { VariableInfo } from '../../config/model.js';
import type { TemplateDiagnostic } from '../../config/source-range.js';
import { sourceCache } from '../../diagnostics/source-cache.js';
import type { SensitiveValues } from '../load/sensitive.js';
import { renderGoTemplate } from './gotemplate/evaluate.js';
import { type LegacyFunctionInput, legacyFunctions } from './gotemplate/functions.js';
import { interpolateString } from './interpolate.js';
import { type JsonDocument, nodeRange, parseJsonDocument, properties, property } from './json-document.js';

/** What {@link resolveLegacyVariables} needs besides the template. */
export interface LegacyVariableInput {
  vars: [string, string][];
  varFiles: string[];
  env: Record<string, string | undefined>;
  syntaxOnly: boolean;
  fn: Omit<LegacyFunctionInput, 'userVars' | 'env'>;
  sensitive: SensitiveValues;
}

/**
 * Resolves the "variables" section: default < -var-file < -var, `{{env}}` and
 * `{{user}}` of earlier variables in values, required (null) variables, and
 * "sensitive-variables". Problems are collected into `diags`.
 */
export function resolveLegacyVariables(
  doc: JsonDocument,
  root: Node,
  input: LegacyVariableInput,
  diags: TemplateDiagnostic[],
): { values: Map<string, string>; infos: VariableInfo[] } {
  const declared = new Map<string, { node: Node; keyNode: Node }>();
  const raw = new Map<string, { text: string; node?: Node; doc?: JsonDocument }>();
  const required = new Set<string>();
  for (const [name, keyNode, node] of properties(property(root, 'variables'))) {
    declared.set(name, { node, keyNode });
    if (node.type === 'null') required.add(name);
    else if (node.type === 'string') raw.set(name, { text: String(node.value), node, doc });
    else if (node.type === 'number' || node.type === 'boolean') raw.set(name, { text: String(node.value) });
    else
      diags.push({
        severity: 'error',
        summary: `Variable "${name}" must have a string default`,
        detail: 'Legacy JSON templates only support string variables; use null for a required variable.',
        range: nodeRange(doc, node),
      });
  }
  for (const file of input.varFiles) {
    for (const [name, value] of readVarFile(file, diags)) raw.set(name, { text: value });
  }
  for (const [name, value] of input.vars) raw.set(name, { text: value });

  const values = new Map<string, string>();
  const pending = new Map(raw);
  for (let pass = 0; pending.size > 0 && pass <= raw.size; pass++) {
    for (const [name, r] of [...pending]) {
      let blocked = false;
      const ctx = {
        funcs: legacyFunctions({
          ...input.fn,
          userVars: values,
          env: input.env,
          onUndefinedUser: (n) => {
            if (pending.has(n) && n !== name) blocked = true;
          },
        }),
      };
      const out = r.node && r.doc ? interpolateString(r.doc, r.node, ctx, []) : safeRender(r.text, ctx);
      if (blocked && pass < raw.size) continue;
      if (r.node && r.doc) interpolateString(r.doc, r.node, ctx, diags);
      values.set(name, out);
      pending.delete(name);
    }
  }
  if (!input.syntaxOnly) {
    for (const name of required) {
      if (values.has(name)) continue;
      diags.push({
        severity: 'error',
        summary: `required variable not set: ${name}`,
        detail: `Set it with -var ${name}=... or in a -var-file.`,
        range: nodeRange(doc, declared.get(name)!.keyNode),
      });
    }
  }
  const sensitiveNames = new Set<string>();
  const sv = property(root, 'sensitive-variables');
  for (const c of sv?.type === 'array' ? (sv.children ?? []) : []) {
    if (c.type !== 'string') continue;
    const n = String(c.value);
    sensitiveNames.add(n);
    if (!declared.has(n))
      diags.push({
        severity: 'error',
        summary: `Sensitive variable "${n}" is not declared`,
        detail: 'Every name in "sensitive-variables" must also be in "variables".',
        range: nodeRange(doc, c),
      });
    const v = values.get(n);
    if (v !== undefined) input.sensitive.add(v);
  }
  const infos: VariableInfo[] = [...declared].map(([name, d]) => {
    const sensitive = sensitiveNames.has(name);
    const v = values.get(name);
    return {
      name,
      sensitive,
      display: sensitive ? '<sensitive>' : v === undefined ? '<required>' : JSON.stringify(v),
      range: nodeRange(doc, d.keyNode),
    };
  });
  return { values, infos };
}

function safeRender(text: string, ctx: { funcs: ReturnType<typeof legacyFunctions> }): string {
  try {
    return renderGoTemplate(text, ctx);
  } catch {
    return text;
  }
}

function readVarFile(file: string, diags: TemplateDiagnostic[]): [string, string][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    diags.push({
      severity: 'error',
      summary: `Failed to read -var-file ${file}`,
      detail: (e as Error).message,
    });
    return [];
  }
  sourceCache.set(file, text);
  const { doc, diagnostics } = parseJsonDocument(file, text);
  diags.push(...diagnostics);
  if (!doc.root) return [];
  if (doc.root.type !== 'object') {
    diags.push({
      severity: 'error',
      summary: 'A var file must be a JSON object',
      range: nodeRange(doc, doc.root),
    });
    return [];
  }
  return properties(doc.root).map(([k, , v]) => [
    k,
    v.type === 'string' ? String(v.value) : JSON.stringify(v.value),
  ]);
}
