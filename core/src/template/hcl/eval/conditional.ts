import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { ConditionalExpr } from '../syntax/ast.js';
import { describeTypeMismatch } from './conditional-mismatch.js';
import { ConversionError, convert } from './convert.js';
import { evalError } from './eval-diagnostics.js';
import { type Evaluator, evaluateInto } from './evaluate.js';
import type { EvalScope } from './scope.js';
import { T, type Type } from './types.js';
import { unify } from './unify.js';
import { Value } from './value.js';

/**
 * `c ? a : b` as hclsyntax evaluates it: both results are evaluated and
 * unify to one type (a mismatch is the only error then reported); the
 * condition's own problems come next, and only the taken branch's problems
 * after them. A null, unknown or non-bool condition reports no branch
 * problems; an unknown condition gives an unknown of the unified type.
 */
export function conditionalExpr(
  expr: ConditionalExpr,
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  ev: Evaluator,
): Value {
  const aDiags: TemplateDiagnostic[] = [];
  const bDiags: TemplateDiagnostic[] = [];
  const a = evaluateInto(expr.trueExpr, scope, aDiags);
  const b = evaluateInto(expr.falseExpr, scope, bDiags);
  const untypedNull = (v: Value) => v.isNull && v.isKnown && v.type.kind === 'dynamic';
  let u: Type | undefined;
  if (untypedNull(a)) u = b.type;
  else if (untypedNull(b)) u = a.type;
  else if (a.type.kind === 'dynamic' || b.type.kind === 'dynamic') u = T.dynamic;
  else u = unify([a.type, b.type]);
  if (!u) {
    diags.push(
      evalError(
        'Inconsistent conditional result types',
        `The true and false result expressions must have consistent types. ${describeTypeMismatch(a.type, b.type)}.`,
        expr.range,
      ),
    );
    return Value.unknown();
  }
  const c = ev(expr.condition, scope);
  const sensitive = c.isSensitive || a.isSensitive || b.isSensitive;
  if (c.isNull && c.isKnown) {
    diags.push(
      evalError(
        'Null condition',
        'The condition value is null. Conditions must either be true or false.',
        expr.condition.range,
      ),
    );
    return Value.unknown(u);
  }
  if (!c.isKnown) return Value.unknown(u).mark(sensitive);
  let cb: Value;
  try {
    cb = convert(c, T.bool);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(
      evalError(
        'Incorrect condition type',
        'The condition expression must be of type bool.',
        expr.condition.range,
      ),
    );
    return Value.unknown(u);
  }
  diags.push(...(cb.bool ? aDiags : bDiags));
  const chosen = cb.bool ? a : b;
  let out = chosen;
  try {
    out = convert(chosen, u);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
  }
  return sensitive ? out.mark() : out;
}
