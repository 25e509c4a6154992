import { didYouMean } from '@kiln/plugin-sdk';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { Expression, ObjectExpr, ScopeTraversalExpr, SplatExpr } from '../syntax/ast.js';
import { type BoundExpr, isBoundExpr } from './bound-expr.js';
import { callExpr } from './call.js';
import { conditionalExpr } from './conditional.js';
import { ConversionError, convert } from './convert.js';
import { describeReferencedValues, referencedValues } from './diagnostic-values.js';
import { evalError, withSuggestion } from './eval-diagnostics.js';
import { forExpr } from './for-expr.js';
import { binaryOp, unaryOp } from './operators.js';
import { childScope, type EvalScope } from './scope.js';
import { templateExpr } from './template.js';
import { getAttr, getIndex } from './traversal.js';
import { T } from './types.js';
import { unify } from './unify.js';
import { Value } from './value.js';

/** The value of an expression and every problem found evaluating it. */
export interface EvalResult {
  value: Value;
  diagnostics: TemplateDiagnostic[];
}

/** Evaluates into a diagnostics list shared by a whole evaluation. */
export type Evaluator = (expr: Expression, scope: EvalScope) => Value;

/**
 * Evaluates an HCL expression in `scope`. Never throws for template
 * problems: each is a diagnostic with the exact range, and the part of the
 * expression that failed evaluates to an unknown value so evaluation goes on.
 */
export function evaluate(expr: Expression, scope: EvalScope): EvalResult {
  const diagnostics: TemplateDiagnostic[] = [];
  const value = evaluateInto(expr, scope, diagnostics);
  return { value, diagnostics };
}

/** evaluate() appending problems to `diags`. */
export function evaluateInto(expr: Expression, scope: EvalScope, diags: TemplateDiagnostic[]): Value {
  const ev: Evaluator = (e, s) => evalNode(e, s, diags, ev);
  return ev(expr, scope);
}

function evalNode(expr: Expression, scope: EvalScope, diags: TemplateDiagnostic[], ev: Evaluator): Value {
  const before = diags.length;
  const v = evalKind(expr, scope, diags, ev);
  if (diags.length > before) describeReferencedValues(expr, scope, diags, before, readTraversal);
  return v;
}

/** The values `expr` refers to in `scope`, for a diagnostic about it ("var.x as 1"). */
export function valuesReferencedIn(expr: Expression, scope: EvalScope): string[] {
  return referencedValues(expr, scope, readTraversal);
}

/** A variable reference's value for a diagnostic's context; undefined when it fails. */
function readTraversal(t: ScopeTraversalExpr, scope: EvalScope): Value | undefined {
  const d: TemplateDiagnostic[] = [];
  const v = traversal(t, scope, d);
  return d.length ? undefined : v;
}

function evalKind(expr: Expression, scope: EvalScope, diags: TemplateDiagnostic[], ev: Evaluator): Value {
  const bound = expr as Expression | BoundExpr;
  if (isBoundExpr(bound)) return ev(bound.expr, childScope(scope, bound.variables));
  switch (expr.kind) {
    case 'Literal':
      if (expr.value === null) return Value.null();
      return typeof expr.value === 'number' ? Value.number(expr.value) : Value.bool(expr.value);
    case 'Template':
      return templateExpr(expr, scope, diags, ev);
    case 'TemplateWrap':
    case 'Parentheses':
      return ev(expr.expr, scope);
    case 'ScopeTraversal':
      return traversal(expr, scope, diags);
    case 'GetAttr': {
      const object = ev(expr.object, scope);
      return aboutWhole(expr, scope, diags, (d) => getAttr(object, expr.name, expr.nameRange, d));
    }
    case 'Index': {
      const collection = ev(expr.collection, scope);
      const key = ev(expr.key, scope);
      return aboutWhole(expr, scope, diags, (d) => getIndex(collection, key, expr.key.range, d));
    }
    case 'Splat':
      return splat(expr, scope, diags, ev);
    case 'Tuple':
      return Value.tuple(expr.elements.map((e) => ev(e, scope)));
    case 'Object':
      return objectExpr(expr, scope, diags, ev);
    case 'FunctionCall':
      return callExpr(expr, scope, diags, ev);
    case 'Unary': {
      const before = diags.length;
      const v = ev(expr.operand, scope);
      return unaryOp(expr.op, v, { operand: expr.operand.range, whole: expr.range }, diags, before);
    }
    case 'Binary': {
      const side = (e: Expression) => {
        const d: TemplateDiagnostic[] = [];
        return { value: evaluateInto(e, scope, d), diags: d, range: e.range };
      };
      return binaryOp(expr.op, side(expr.left), side(expr.right), expr.range, diags);
    }
    case 'Conditional':
      return conditionalExpr(expr, scope, diags, ev);
    case 'For':
      return forExpr(expr, scope, diags, ev);
    case 'Invalid':
      return Value.unknown();
  }
}

/**
 * Runs an operation whose problems are about the whole expression (an index
 * or attribute of a computed value): as HCL, they name every value it uses.
 */
function aboutWhole(
  expr: Expression,
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  op: (diags: TemplateDiagnostic[]) => Value,
): Value {
  const before = diags.length;
  const v = op(diags);
  for (let i = before; i < diags.length; i++) diags[i]!.values ??= valuesReferencedIn(expr, scope);
  return v;
}

function traversal(expr: ScopeTraversalExpr, scope: EvalScope, diags: TemplateDiagnostic[]): Value {
  let v = scope.variables.get(expr.root);
  if (v === undefined) {
    const names = [...scope.variables.keys()];
    diags.push(
      evalError(
        'Unknown variable',
        withSuggestion(`There is no variable named "${expr.root}".`, didYouMean(expr.root, names)),
        expr.rootRange,
      ),
    );
    return Value.unknown();
  }
  for (const step of expr.steps) {
    const before = diags.length;
    v =
      step.kind === 'attr'
        ? getAttr(v, step.name, step.range, diags)
        : getIndex(v, keyValue(step.key), step.range, diags);
    if (diags.length > before) return Value.unknown();
  }
  return v;
}

function keyValue(k: number | string): Value {
  return typeof k === 'number' ? Value.number(k) : Value.string(k);
}

function objectExpr(expr: ObjectExpr, scope: EvalScope, diags: TemplateDiagnostic[], ev: Evaluator): Value {
  const attrs = new Map<string, Value>();
  let unknownKey = false;
  let sensitive = false;
  for (const item of expr.items) {
    const value = ev(item.value, scope);
    if (item.key.ident !== undefined) {
      attrs.set(item.key.ident, value);
      continue;
    }
    const k = ev(item.key.expr, scope);
    if (k.isNull && k.isKnown) {
      diags.push(
        evalError(
          'Invalid object key',
          "The key expression produced a null value, so it can't be used as an object key.",
          item.key.range,
        ),
      );
      continue;
    }
    let ks: Value;
    try {
      ks = convert(k, T.string);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      diags.push(
        evalError('Incorrect key type', `Can't use this value as a key: ${e.detail}`, item.key.range),
      );
      continue;
    }
    if (!ks.isKnown) {
      unknownKey = true;
      continue;
    }
    sensitive ||= ks.isSensitive;
    attrs.set(ks.str, value);
  }
  if (unknownKey) return Value.unknown();
  const out = Value.object(attrs);
  return sensitive ? out.mark() : out;
}

function splat(expr: SplatExpr, scope: EvalScope, diags: TemplateDiagnostic[], ev: Evaluator): Value {
  const src = ev(expr.source, scope);
  if (!src.isKnown) return Value.unknown().mark(src.isSensitive);
  const kind = src.type.kind;
  const list = kind === 'list' || kind === 'set' || kind === 'tuple';
  if (src.isNull && list) {
    diags.push(
      evalError(
        'Splat of null value',
        'Splat expressions (with the * symbol) cannot be applied to null sequences.',
        expr.source.range,
      ),
    );
    return Value.unknown();
  }
  if (src.isNull) return Value.tuple([]).mark(src.isSensitive);
  const elems = list ? src.elems : [src];
  const before = diags.length;
  const out = elems.map((e) => {
    let v = e;
    for (const step of expr.steps) {
      v =
        step.kind === 'attr'
          ? getAttr(v, step.name, step.range, diags)
          : getIndex(v, ev(step.key, scope), step.range, diags);
    }
    return v;
  });
  // As HCL: an element that failed makes the whole result unknown.
  if (diags.slice(before).some((d) => d.severity === 'error')) return Value.unknown().mark(src.isSensitive);
  let result = Value.tuple(out);
  if (kind === 'list') {
    const u = unify(out.map((v) => v.type));
    if (u)
      result = Value.list(
        out.map((v) => convert(v, u)),
        u,
      );
  }
  return src.isSensitive ? result.mark() : result;
}
