import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { Expression } from '../syntax/ast.js';
import { evalError } from './eval-diagnostics.js';
import { evaluate } from './evaluate.js';
import { toJs } from './js.js';
import { makeScope } from './scope.js';
import { T, type Type } from './types.js';

/** A type constraint and the problems found reading it. */
export interface TypeExprResult {
  type: Type;
  diagnostics: TemplateDiagnostic[];
}

const PRIMITIVES: Record<string, Type> = { string: T.string, number: T.number, bool: T.bool, any: T.dynamic };

/**
 * Reads a type expression (a variable's `type = ...`): string, number, bool,
 * any, list(T), set(T), map(T), tuple([T...]), object({a = T, b = optional(T, default)}).
 */
export function typeFromExpr(expr: Expression, opts: { defaults?: boolean } = {}): TypeExprResult {
  const diagnostics: TemplateDiagnostic[] = [];
  const type = read(expr, diagnostics, false, opts.defaults ?? true);
  return { type, diagnostics };
}

function bad(expr: Expression, diags: TemplateDiagnostic[], detail: string): Type {
  diags.push(evalError('Invalid type specification', detail, expr.range));
  return T.dynamic;
}

function read(expr: Expression, diags: TemplateDiagnostic[], inObject: boolean, defaults: boolean): Type {
  if (expr.kind === 'Parentheses') return read(expr.expr, diags, inObject, defaults);
  if (expr.kind === 'ScopeTraversal') {
    const t = PRIMITIVES[expr.root];
    if (expr.steps.length === 0 && t) return t;
    if (expr.steps.length === 0 && ['list', 'set', 'map', 'tuple', 'object'].includes(expr.root)) {
      return bad(
        expr,
        diags,
        `The ${expr.root} type constructor requires one argument specifying the element type.`,
      );
    }
    return bad(expr, diags, `The keyword "${expr.root}" is not a valid type specification.`);
  }
  if (expr.kind !== 'FunctionCall')
    return bad(
      expr,
      diags,
      'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
    );
  const args = expr.args;
  const one = (): Expression | undefined => {
    if (args.length === 1) return args[0];
    diags.push(
      evalError(
        'Invalid type specification',
        `The ${expr.name} type constructor requires one argument.`,
        expr.range,
      ),
    );
    return undefined;
  };
  switch (expr.name) {
    case 'list':
    case 'set':
    case 'map': {
      const a = one();
      if (!a) return T.dynamic;
      const e = read(a, diags, false, defaults);
      return expr.name === 'list' ? T.list(e) : expr.name === 'set' ? T.set(e) : T.map(e);
    }
    case 'tuple': {
      const a = one();
      if (!a) return T.dynamic;
      if (a.kind !== 'Tuple')
        return bad(a, diags, 'The tuple type constructor requires a list of element types.');
      return T.tuple(a.elements.map((e) => read(e, diags, false, defaults)));
    }
    case 'object': {
      const a = one();
      if (!a) return T.dynamic;
      if (a.kind !== 'Object')
        return bad(a, diags, 'The object type constructor requires an object of attribute types.');
      const attrs: Record<string, Type> = {};
      const optional: Record<string, unknown> = {};
      let anyOptional = false;
      for (const item of a.items) {
        const name = item.key.ident ?? keyText(item.key.expr);
        if (name === undefined) {
          bad(item.key.expr, diags, 'Object constructor map keys must be attribute names.');
          continue;
        }
        const v = item.value;
        if (v.kind === 'FunctionCall' && v.name === 'optional') {
          anyOptional = true;
          if (!defaults && v.args.length === 2) {
            // Packer's convert() reads types without defaults (hcl's typeexpr.TypeConstraint).
            bad(v, diags, 'Optional attribute modifier expects only one argument: the attribute type.');
            read(v.args[0]!, diags, true, defaults);
            continue;
          }
          if (v.args.length < 1 || v.args.length > 2) {
            bad(
              v,
              diags,
              'Optional attribute modifier expects one or two arguments: the attribute type and an optional default value.',
            );
            continue;
          }
          attrs[name] = read(v.args[0]!, diags, true, defaults);
          optional[name] = v.args[1] ? defaultValue(v.args[1], diags) : undefined;
        } else attrs[name] = read(v, diags, true, defaults);
      }
      return anyOptional ? T.object(attrs, optional) : T.object(attrs);
    }
    case 'optional':
      return bad(
        expr,
        diags,
        inObject
          ? 'Optional attribute modifier is only for attribute types directly inside object({...}).'
          : 'Keyword "optional" is valid only as a modifier for object type attributes.',
      );
    default:
      return bad(expr, diags, `Keyword "${expr.name}" is not a valid type constructor.`);
  }
}

function keyText(e: Expression): string | undefined {
  if (e.kind === 'Template' && e.parts.every((p) => p.kind === 'TemplateLiteral'))
    return e.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : '')).join('');
  if (e.kind === 'ScopeTraversal' && e.steps.length === 0) return e.root;
  return undefined;
}

function defaultValue(e: Expression, diags: TemplateDiagnostic[]): unknown {
  const r = evaluate(e, makeScope({}, new Map()));
  diags.push(...r.diagnostics);
  try {
    return r.value.isKnown ? r.value : toJs(r.value);
  } catch {
    return undefined;
  }
}
