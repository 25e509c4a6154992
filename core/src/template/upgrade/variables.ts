import type { Command, GoTemplateNode } from '../legacy/gotemplate/ast.js';
import { parseGoTemplate } from '../legacy/gotemplate/parse.js';
import { hclValue, type Json, type JsonObject } from './body.js';
import { comment, hclString } from './hcl-text.js';
import { needsLocal, type TranslateContext } from './translate.js';

/** A legacy variable, as it will be written. */
export interface LegacyVariable {
  name: string;
  /** undefined: required (null in JSON, or only referenced). */
  value: string | undefined;
  sensitive: boolean;
  /** Its value uses template calls other than env, so it becomes a local. */
  local: boolean;
}

/**
 * The template's variables: declared ones in order, then names used with
 * `{{user}}` but declared nowhere (they come from a -var-file) as required.
 */
export function legacyVariables(root: JsonObject): LegacyVariable[] {
  const declared = (root.variables && typeof root.variables === 'object' ? root.variables : {}) as JsonObject;
  const sensitive = new Set(
    Array.isArray(root['sensitive-variables']) ? root['sensitive-variables'].map(String) : [],
  );
  const vars: LegacyVariable[] = Object.entries(declared).map(([name, v]) => {
    const value = v === null ? undefined : String(v);
    return { name, value, sensitive: sensitive.has(name), local: value !== undefined && needsLocal(value) };
  });
  const known = new Set(vars.map((v) => v.name));
  for (const name of userReferences(root)) {
    if (known.has(name)) continue;
    known.add(name);
    vars.push({ name, value: undefined, sensitive: sensitive.has(name), local: false });
  }
  return vars;
}

/** `variable` blocks for the variables that stay variables. */
export function variableBlocks(vars: LegacyVariable[], ctx: TranslateContext): string {
  let out = '';
  for (const v of vars) {
    if (v.local) continue;
    out += `variable ${hclString(v.name)} {\n  type = string\n`;
    if (v.value !== undefined) out += `  default = ${hclValue(v.value, { ...ctx, place: 'variable' })}\n`;
    if (v.sensitive) out += '  sensitive = true\n';
    out += '}\n\n';
  }
  return out;
}

/** `locals` (and `local` blocks for sensitive ones) for the variables whose values are computed. */
export function localBlocks(vars: LegacyVariable[], ctx: TranslateContext): string {
  const locals = vars.filter((v) => v.local);
  let out = '';
  const plain = locals.filter((v) => !v.sensitive);
  if (plain.length > 0) {
    out += 'locals {\n';
    for (const v of plain) out += `  ${v.name} = ${hclValue(v.value as Json, ctx, '  ')}\n`;
    out += '}\n\n';
  }
  for (const v of locals.filter((x) => x.sensitive)) {
    out += `local ${hclString(v.name)} {\n  expression = ${hclValue(v.value as Json, ctx, '  ')}\n  sensitive  = true\n}\n\n`;
  }
  if (out && locals.some((v) => /\{\{\s*env\b/.test(v.value ?? '')))
    out =
      comment('env() is only allowed in variable defaults: move the env() calls below into variables.') + out;
  return out;
}

/** Names used in `{{user `NAME`}}` anywhere in the template. */
function userReferences(root: JsonObject): string[] {
  const names: string[] = [];
  const visitCmds = (cmds: Command[]) => {
    for (const c of cmds) {
      const [head, arg] = c.args;
      if (head?.kind === 'ident' && head.name === 'user' && arg?.kind === 'string') names.push(arg.value);
      for (const a of c.args) if (a.kind === 'paren') visitCmds(a.pipeline);
    }
  };
  const visit = (v: Json) => {
    if (typeof v === 'string') {
      let nodes: GoTemplateNode[] = [];
      try {
        nodes = parseGoTemplate(v);
      } catch {}
      for (const n of nodes) if (n.kind === 'action') visitCmds(n.pipeline);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(root);
  return names;
}
