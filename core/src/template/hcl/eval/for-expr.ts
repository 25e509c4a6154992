import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { Expression, ForExpr } from '../syntax/ast.js';
import { ConversionError, convert } from './convert.js';
import { evalError } from './eval-diagnostics.js';
import { type Evaluator, evaluateInto, valuesReferencedIn } from './evaluate.js';
import { iterate } from './iterate.js';
import { childScope, type EvalScope } from './scope.js';
import { T } from './types.js';
import { Value } from './value.js';

/** `[for ...]` (a tuple) and `{for ...}` (an object; with `...`, an object of tuples). */
export function forExpr(expr: ForExpr, scope: EvalScope, diags: TemplateDiagnostic[], ev: Evaluator): Value {
  const coll = ev(expr.collection, scope);
  const before = diags.length;
  const items = iterate(coll, expr.collection.range, diags, 'for');
  if (items === 'unknown' && diags.length > before) return Value.unknown();
  if (expr.condition && !conditionCanWork(expr, scope, diags)) return Value.unknown();
  if (items === 'unknown') return Value.unknown();
  const elems: Value[] = [];
  const groups = new Map<string, Value[]>();
  const attrs = new Map<string, Value>();
  let unknown = false;
  let sensitive = coll.isSensitive;
  for (const [k, v] of items) {
    const vars: Record<string, Value> = { [expr.valueVar]: v };
    if (expr.keyVar) vars[expr.keyVar] = k;
    const s = childScope(scope, vars);
    // As HCL: a problem in the condition or key names the iteration's values.
    const report = (d: TemplateDiagnostic, part: Expression) => {
      d.values = valuesReferencedIn(part, s);
      diags.push(d);
    };
    if (expr.condition) {
      const c = ev(expr.condition, s);
      if (c.isNull && c.isKnown) {
        report(
          evalError(
            'Condition is null',
            "The value of the 'if' clause must not be null.",
            expr.condition.range,
          ),
          expr.condition,
        );
        return Value.unknown();
      }
      let b: Value;
      try {
        b = convert(c, T.bool);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        report(
          evalError(
            "Invalid 'for' condition",
            `The 'if' clause value is invalid: ${e.detail}`,
            expr.condition.range,
          ),
          expr.condition,
        );
        return Value.unknown();
      }
      if (!b.isKnown) {
        unknown = true;
        continue;
      }
      sensitive ||= b.isSensitive;
      if (!b.bool) continue;
    }
    const value = ev(expr.valueExpr, s);
    if (!expr.object || !expr.keyExpr) {
      elems.push(value);
      continue;
    }
    const key = ev(expr.keyExpr, s);
    if (key.isNull && key.isKnown) {
      report(
        evalError(
          'Invalid object key',
          "Key expression in 'for' expression must not produce a null value.",
          expr.keyExpr.range,
        ),
        expr.keyExpr,
      );
      return Value.unknown();
    }
    let ks: Value;
    try {
      ks = convert(key, T.string);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      report(
        evalError(
          'Invalid object key',
          `The key expression produced an invalid result: ${e.detail}`,
          expr.keyExpr.range,
        ),
        expr.keyExpr,
      );
      return Value.unknown();
    }
    if (!ks.isKnown) {
      unknown = true;
      continue;
    }
    sensitive ||= ks.isSensitive;
    if (expr.group) {
      const g = groups.get(ks.str) ?? [];
      g.push(value);
      groups.set(ks.str, g);
    } else if (attrs.has(ks.str)) {
      report(
        evalError(
          'Duplicate object key',
          `Two different items produced the key "${ks.str}" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
          expr.keyExpr.range,
        ),
        expr.keyExpr,
      );
      return Value.unknown();
    } else attrs.set(ks.str, value);
  }
  if (unknown) return Value.unknown();
  let out: Value;
  if (!expr.object) out = Value.tuple(elems);
  else if (expr.group) out = Value.object(new Map([...groups].map(([k, g]) => [k, Value.tuple(g)])));
  else out = Value.object(attrs);
  return sensitive ? out.mark() : out;
}

/**
 * HCL's early check of the `if` clause with the iteration variables unknown:
 * a condition that fails whatever the element (an error, null, not a bool)
 * is reported once rather than for every element.
 */
function conditionCanWork(expr: ForExpr, scope: EvalScope, diags: TemplateDiagnostic[]): boolean {
  if (!expr.condition) return true;
  const vars: Record<string, Value> = { [expr.valueVar]: Value.unknown() };
  if (expr.keyVar) vars[expr.keyVar] = Value.unknown();
  const own: TemplateDiagnostic[] = [];
  const c = evaluateInto(expr.condition, childScope(scope, vars), own);
  diags.push(...own);
  if (c.isNull && c.isKnown) {
    diags.push(
      evalError('Condition is null', "The value of the 'if' clause must not be null.", expr.condition.range),
    );
    return false;
  }
  try {
    convert(c, T.bool);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(
      evalError(
        "Invalid 'for' condition",
        `The 'if' clause value is invalid: ${e.detail}`,
        expr.condition.range,
      ),
    );
    return false;
  }
  return !own.some((d) => d.severity === 'error');
}
