import type { Expression, SourceRange } from '../syntax/ast.js';
import type { Value } from './value.js';

/**
 * An expression with extra root variables bound to it: what dynamic-block
 * expansion puts in generated blocks so `<iterator>.key`/`.value` resolve
 * wherever the body is evaluated later. Only this evaluator understands it;
 * it is typed as an Expression so generated bodies are ordinary bodies.
 */
export interface BoundExpr {
  kind: 'KilnBound';
  expr: Expression;
  variables: Record<string, Value>;
  range: SourceRange;
}

export function bindExpr(expr: Expression, variables: Record<string, Value>): Expression {
  const b: BoundExpr = { kind: 'KilnBound', expr, variables, range: expr.range };
  return b as unknown as Expression;
}

export function isBoundExpr(e: Expression | BoundExpr): e is BoundExpr {
  return e.kind === 'KilnBound';
}
