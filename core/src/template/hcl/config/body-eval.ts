import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import { evaluateInto } from '../eval/evaluate.js';
import { toJs } from '../eval/js.js';
import { childScope, type EvalScope } from '../eval/scope.js';
import { Value } from '../eval/value.js';
import { containsSensitive } from '../eval/value-marks.js';
import type { Block, Body, Expression } from '../syntax/ast.js';

/**
 * What an unknown value (build.*, data.* at validate time) becomes in an
 * evaluated body: schema checks skip it, plugins never see it at build time.
 */
export const UNKNOWN_VALUE = '<unknown: known after the build starts>';

/**
 * Evaluates a component body to plain data: attributes by name, nested
 * blocks as lists of bodies by type, `dynamic` blocks expanded. Later bodies
 * (overrides) replace attributes of earlier ones.
 */
export function evaluateBody(
  bodies: Body[],
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  sensitive?: SensitiveValues,
  skip: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const body of bodies) {
    for (const a of body.attributes) {
      if (skip.has(a.name)) continue;
      out[a.name] = plain(evaluateInto(a.expr, scope, diags), sensitive);
    }
    for (const b of body.blocks) {
      if (skip.has(b.type)) continue;
      if (b.type === 'dynamic') {
        expandDynamic(b, scope, diags, sensitive, out);
        continue;
      }
      listAt(out, b.type).push(evaluateBody([b.body], scope, diags, sensitive));
    }
  }
  return out;
}

function expandDynamic(
  b: Block,
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  sensitive: SensitiveValues | undefined,
  out: Record<string, unknown>,
): void {
  const name = b.labels[0]?.value;
  const forEach = b.body.attributes.find((a) => a.name === 'for_each');
  const content = b.body.blocks.find((x) => x.type === 'content');
  if (!name || !forEach || !content) {
    diags.push({
      severity: 'error',
      summary: 'Invalid dynamic block',
      detail: 'A dynamic block needs one label (the block type), a for_each argument and a content block.',
      range: b.typeRange,
    });
    return;
  }
  const iterAttr = b.body.attributes.find((a) => a.name === 'iterator');
  const iter = iterAttr?.expr.kind === 'ScopeTraversal' ? iterAttr.expr.root : name;
  const coll = evaluateInto(forEach.expr, scope, diags);
  const list = listAt(out, name);
  if (!coll.isKnown) {
    list.push(UNKNOWN_VALUE);
    return;
  }
  if (coll.isNull) return;
  const entries: [Value, Value][] =
    coll.type.kind === 'map' || coll.type.kind === 'object'
      ? [...coll.attrs].map(([k, v]) => [Value.string(k), v])
      : coll.type.kind === 'list' || coll.type.kind === 'set' || coll.type.kind === 'tuple'
        ? coll.elems.map((v, i) => [coll.type.kind === 'set' ? v : Value.number(i), v])
        : [];
  for (const [key, value] of entries) {
    const inner = childScope(scope, { [iter]: Value.object({ key, value }) });
    list.push(evaluateBody([content.body], inner, diags, sensitive));
  }
}

function listAt(out: Record<string, unknown>, key: string): unknown[] {
  if (!Array.isArray(out[key])) out[key] = [];
  return out[key] as unknown[];
}

function plain(v: Value, sensitive?: SensitiveValues): unknown {
  const js = toJs(v, { unknownAs: () => UNKNOWN_VALUE });
  if (sensitive && containsSensitive(v)) registerStrings(js, sensitive);
  return js;
}

/** Registers every string inside a plain value as sensitive. */
export function registerStrings(js: unknown, sensitive: SensitiveValues): void {
  if (typeof js === 'string') sensitive.add(js);
  else if (Array.isArray(js)) for (const e of js) registerStrings(e, sensitive);
  else if (js && typeof js === 'object') for (const e of Object.values(js)) registerStrings(e, sensitive);
}

/** True when a decoded value at `path` is (inside) an unknown placeholder. */
export function isUnknownAt(value: unknown, path: (string | number)[]): boolean {
  let cur = value;
  for (const seg of path) {
    if (cur === UNKNOWN_VALUE) return true;
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur === UNKNOWN_VALUE;
}

/**
 * Where an attribute path is in a body: the attribute's name for a top-level
 * argument, the element for a deeper path, the n-th block of a type.
 */
export function locateInBodies(
  bodies: Body[],
  path: (string | number)[],
  fallback: SourceRange,
  value = false,
): SourceRange {
  const [head, ...rest] = path;
  if (head === undefined) return fallback;
  for (const body of [...bodies].reverse()) {
    const attr = body.attributes.find((a) => a.name === head);
    if (attr) return rest.length === 0 && !value ? attr.nameRange : locateInExpr(attr.expr, rest);
    const blocks = body.blocks.filter(
      (b) => b.type === head || (b.type === 'dynamic' && b.labels[0]?.value === head),
    );
    if (blocks.length) {
      const idx = typeof rest[0] === 'number' ? rest[0] : 0;
      const b = blocks[Math.min(idx, blocks.length - 1)]!;
      const tail = typeof rest[0] === 'number' ? rest.slice(1) : rest;
      return tail.length === 0 ? b.typeRange : locateInBodies([b.body], tail, b.typeRange, value);
    }
  }
  return fallback;
}

function locateInExpr(expr: Expression, path: (string | number)[]): SourceRange {
  let cur = expr;
  for (const seg of path) {
    if (cur.kind === 'Tuple' && typeof seg === 'number' && cur.elements[seg]) cur = cur.elements[seg];
    else if (cur.kind === 'Object') {
      const item = cur.items.find((i) => i.key.ident === seg || keyText(i.key.expr) === seg);
      if (!item) break;
      cur = item.value;
    } else break;
  }
  return cur.range;
}

function keyText(e: Expression): string | undefined {
  return e.kind === 'Template' && e.parts.length === 1 && e.parts[0]?.kind === 'TemplateLiteral'
    ? e.parts[0].value
    : undefined;
}
