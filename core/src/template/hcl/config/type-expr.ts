import type { TemplateDiagnostic } from '../../../config/source-range.js';
import { parseExpression } from '../eval/parse-expression.js';
import { typeFromExpr as readTypeExpr } from '../eval/type-expr.js';
import { T, type Type } from '../eval/types.js';
import type { Expression } from '../syntax/ast.js';

/**
 * A variable's `type = ...` constraint as an evaluation type: string,
 * number, bool, any, list(T), set(T), map(T), tuple([...]),
 * object({ name = T, opt = optional(T) }). Problems are reported at the
 * offending part; the result is then `any`.
 */
export function typeFromExpr(expr: Expression, diags: TemplateDiagnostic[]): Type {
  const bad = (detail: string): Type => {
    diags.push({ severity: 'error', summary: 'Invalid type specification', detail, range: expr.range });
    return T.dynamic;
  };
  if (expr.kind === 'Parentheses') return typeFromExpr(expr.expr, diags);
  if (expr.kind === 'ScopeTraversal' && expr.steps.length === 0) {
    switch (expr.root) {
      case 'string':
        return T.string;
      case 'number':
        return T.number;
      case 'bool':
        return T.bool;
      case 'any':
        return T.dynamic;
      case 'list':
      case 'set':
      case 'map':
        return bad(`The ${expr.root} type constructor requires one argument specifying the element type.`);
      default:
        return bad(`The keyword "${expr.root}" is not a valid type specification.`);
    }
  }
  if (expr.kind === 'Template' && expr.parts.length === 1 && expr.parts[0]?.kind === 'TemplateLiteral') {
    const v = expr.parts[0].value;
    if (['string', 'number', 'bool', 'any'].includes(v)) {
      return v === 'any' ? T.dynamic : T[v as 'string' | 'number' | 'bool'];
    }
    const parsed = parseExpression(v, expr.range.filename);
    if (parsed.diagnostics.length === 0 && parsed.expr.kind !== 'Template') {
      const inner: TemplateDiagnostic[] = [];
      const t = typeFromExpr(parsed.expr, inner);
      diags.push(...inner.map((d) => ({ ...d, range: expr.range })));
      return t;
    }
  }
  if (expr.kind !== 'FunctionCall')
    return bad('A type specification is a keyword (string, number, bool, any) or a type constructor call.');
  const [arg] = expr.args;
  switch (expr.name) {
    case 'list':
    case 'set':
    case 'map':
      if (expr.args.length !== 1 || !arg)
        return bad(`The ${expr.name} type constructor requires one argument specifying the element type.`);
      return T[expr.name](typeFromExpr(arg, diags));
    case 'tuple':
      if (arg?.kind !== 'Tuple' || expr.args.length !== 1)
        return bad(
          'The tuple type constructor requires one argument specifying the element types as a list.',
        );
      return T.tuple(arg.elements.map((e) => typeFromExpr(e, diags)));
    case 'object': {
      if (arg?.kind !== 'Object' || expr.args.length !== 1)
        return bad(
          'The object type constructor requires one argument specifying the attribute types as a map.',
        );
      // optional(T, default): defaults are any constant expression ({}, [], objects ...).
      if (arg.items.some((i) => i.value.kind === 'FunctionCall' && i.value.name === 'optional')) {
        const r = readTypeExpr(expr);
        diags.push(...r.diagnostics);
        return r.type;
      }
      const attrs: Record<string, Type> = {};
      const optional: Record<string, unknown> = {};
      let anyOptional = false;
      for (const item of arg.items) {
        const name = item.key.ident ?? literalKey(item.key.expr);
        if (name === undefined) {
          bad('Object constructor map keys must be attribute names.');
          continue;
        }
        const v = item.value;
        if (v.kind === 'FunctionCall' && v.name === 'optional' && v.args[0]) {
          attrs[name] = typeFromExpr(v.args[0], diags);
          optional[name] = literalValue(v.args[1]);
          anyOptional = true;
        } else attrs[name] = typeFromExpr(v, diags);
      }
      return anyOptional ? T.object(attrs, optional) : T.object(attrs);
    }
    default:
      return bad(`Keyword "${expr.name}" is not a valid type constructor.`);
  }
}

function literalKey(e: Expression): string | undefined {
  if (e.kind === 'Template' && e.parts.every((p) => p.kind === 'TemplateLiteral')) {
    return e.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : '')).join('');
  }
  if (e.kind === 'ScopeTraversal' && e.steps.length === 0) return e.root;
  return undefined;
}

function literalValue(e: Expression | undefined): unknown {
  if (!e) return undefined;
  if (e.kind === 'Literal') return e.value;
  return literalKey(e);
}
