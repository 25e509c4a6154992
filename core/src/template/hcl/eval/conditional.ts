import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { ConditionalExpr } from '../syntax/ast.js';
import { ConversionError, convert } from './convert.js';
import { evalError } from './eval-diagnostics.js';
import { type Evaluator, evaluateInto } from './evaluate.js';
import type { EvalScope } from './scope.js';
import { friendlyTypeName, T } from './types.js';
import { unify } from './unify.js';
import { Value } from './value.js';

/**
 * `c ? a : b`: both results are evaluated and unify to one type, but, as in
 * HCL, only the problems of the branch taken are reported (both, when the
 * condition is unknown or invalid); an unknown condition gives an unknown of
 * the unified type.
 */
export function conditionalExpr(
  expr: ConditionalExpr,
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  ev: Evaluator,
): Value {
  const c = ev(expr.condition, scope);
  const aDiags: TemplateDiagnostic[] = [];
  const bDiags: TemplateDiagnostic[] = [];
  const a = evaluateInto(expr.trueExpr, scope, aDiags);
  const b = evaluateInto(expr.falseExpr, scope, bDiags);
  const both = () => diags.push(...aDiags, ...bDiags);
  const types = [a, b]
    .filter((v) => !(v.isNull && v.isKnown && v.type.kind === 'dynamic'))
    .map((v) => v.type);
  const u = unify(types.length ? types : [T.dynamic]);
  if (!u) {
    diags.push(
      evalError(
        'Inconsistent conditional result types',
        `The true and false result expressions must have consistent types. The 'true' value is ${friendlyTypeName(a.type)}, but the 'false' value is ${friendlyTypeName(b.type)}.`,
        expr.range,
      ),
    );
    both();
    return Value.unknown();
  }
  if (c.isNull && c.isKnown) {
    diags.push(
      evalError(
        'Null condition',
        'The condition value is null. Conditions must either be true or false.',
        expr.condition.range,
      ),
    );
    both();
    return Value.unknown(u);
  }
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
    both();
    return Value.unknown(u);
  }
  if (!cb.isKnown) {
    both();
    return Value.unknown(u).mark(cb.isSensitive);
  }
  diags.push(...(cb.bool ? aDiags : bDiags));
  const chosen = cb.bool ? a : b;
  let out = chosen;
  try {
    out = convert(chosen, u);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
  }
  return cb.isSensitive ? out.mark() : out;
}
