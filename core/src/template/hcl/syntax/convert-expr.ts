import type {
  BinaryOperator,
  ConditionalExpr,
  Expression,
  ObjectItem,
  ObjectKey,
  ScopeTraversalExpr,
  SplatStep,
  TraversalStep,
} from './ast.js';
import type { ConvertContext } from './context.js';
import { convertCollection, convertFor, convertFunctionCall } from './convert-compound.js';
import { convertHeredoc, convertQuoted } from './convert-template.js';
import type { CstNode } from './cst.js';

const BINARY_OPS = new Set(['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']);

/** Converts an `expression` CST node (or any expression term node) to an AST expression. */
export function convertExpr(ctx: ConvertContext, node: CstNode): Expression {
  if (node.type === 'expression') {
    const kids = significant(node);
    if (kids.length === 1 && kids[0].type === 'conditional') return convertConditional(ctx, kids[0]);
    return convertTerm(ctx, kids, node);
  }
  return convertTerm(ctx, [node], node);
}

/** Children without comments. */
export function significant(node: CstNode): CstNode[] {
  return node.children.filter((c) => c.type !== 'comment');
}

export function invalid(ctx: ConvertContext, node: CstNode): Expression {
  return { kind: 'Invalid', range: ctx.range(node) };
}

function convertConditional(ctx: ConvertContext, node: CstNode): Expression {
  const parts = node.children.filter((c) => c.type === 'expression');
  if (parts.length !== 3) return invalid(ctx, node);
  return rightAssociate({
    kind: 'Conditional',
    condition: convertExpr(ctx, parts[0]),
    trueExpr: convertExpr(ctx, parts[1]),
    falseExpr: convertExpr(ctx, parts[2]),
    range: ctx.range(node),
  });
}

/**
 * HCL's `?:` is right-associative (`a ? b : c ? d : e` is `a ? b : (c ? d : e)`),
 * but the tree-sitter grammar declares it left-associative and so yields
 * `(a ? b : c) ? d : e`. An unparenthesised conditional in condition position
 * can only come from that, so it is rotated back. The condition was converted
 * (and rotated) first, so its own condition is never a conditional.
 */
function rightAssociate(expr: ConditionalExpr): ConditionalExpr {
  const inner = expr.condition;
  if (inner.kind !== 'Conditional') return expr;
  const tail = rightAssociate({
    kind: 'Conditional',
    condition: inner.falseExpr,
    trueExpr: expr.trueExpr,
    falseExpr: expr.falseExpr,
    range: { ...expr.range, start: inner.falseExpr.range.start },
  });
  return { ...inner, falseExpr: tail, range: expr.range };
}

/** A flattened `_expr_term`: a primary (or parenthesised expression) followed by postfix nodes. */
function convertTerm(ctx: ConvertContext, kids: CstNode[], whole: CstNode): Expression {
  if (kids.length === 0) return invalid(ctx, whole);
  let expr: Expression;
  let i = 1;
  if (kids[0].type === '(') {
    const inner = kids[1];
    const close = kids[2];
    if (inner?.type !== 'expression' || !close || close.type !== ')' || close.missing) {
      return invalid(ctx, whole);
    }
    expr = {
      kind: 'Parentheses',
      expr: convertExpr(ctx, inner),
      range: ctx.between(kids[0].start, close.end),
    };
    i = 3;
  } else {
    expr = convertPrimary(ctx, kids[0]);
  }
  for (; i < kids.length; i++) expr = applyPostfix(ctx, expr, kids[i]);
  return expr;
}

function convertPrimary(ctx: ConvertContext, node: CstNode): Expression {
  switch (node.type) {
    case 'expression':
      return convertExpr(ctx, node);
    case 'literal_value':
      return convertLiteral(ctx, node);
    case 'template_expr': {
      const t = node.children[0];
      if (!t) return invalid(ctx, node);
      return t.type === 'heredoc_template' ? convertHeredoc(ctx, t) : convertQuoted(ctx, t);
    }
    case 'collection_value':
      return node.children[0] ? convertCollection(ctx, node.children[0]) : invalid(ctx, node);
    case 'variable_expr': {
      const id = node.children[0] ?? node;
      const range = ctx.range(id);
      return { kind: 'ScopeTraversal', root: ctx.src(id), rootRange: range, steps: [], range };
    }
    case 'function_call':
      return convertFunctionCall(ctx, node);
    case 'for_expr':
      return node.children[0] ? convertFor(ctx, node.children[0]) : invalid(ctx, node);
    case 'operation':
      return node.children[0] ? convertOperation(ctx, node.children[0]) : invalid(ctx, node);
    default:
      return invalid(ctx, node);
  }
}

function convertLiteral(ctx: ConvertContext, node: CstNode): Expression {
  const lit = node.children[0];
  if (!lit) return invalid(ctx, node);
  const raw = ctx.src(lit);
  const range = ctx.range(node);
  switch (lit.type) {
    case 'numeric_lit':
      return { kind: 'Literal', value: Number(raw), raw, range };
    case 'bool_lit':
      return { kind: 'Literal', value: raw === 'true', raw, range };
    case 'null_lit':
      return { kind: 'Literal', value: null, raw, range };
    case 'string_lit':
      return convertQuoted(ctx, lit);
    default:
      return invalid(ctx, node);
  }
}

function convertOperation(ctx: ConvertContext, node: CstNode): Expression {
  const kids = significant(node);
  const range = ctx.range(node);
  if (node.type === 'unary_operation') {
    const op = kids[0]?.type;
    if (op !== '!' && op !== '-') return invalid(ctx, node);
    return { kind: 'Unary', op, operand: convertTerm(ctx, kids.slice(1), node), range };
  }
  const at = kids.findIndex((k, i) => i > 0 && !k.named && BINARY_OPS.has(k.type));
  if (at < 0) return invalid(ctx, node);
  return {
    kind: 'Binary',
    op: kids[at].type as BinaryOperator,
    left: convertTerm(ctx, kids.slice(0, at), node),
    right: convertTerm(ctx, kids.slice(at + 1), node),
    opRange: ctx.range(kids[at]),
    range,
  };
}

function extend(ctx: ConvertContext, expr: Expression, node: CstNode) {
  return { filename: expr.range.filename, start: expr.range.start, end: ctx.map.pos(node.end) };
}

/** The static key of an index expression, if it is a number or plain string literal. */
function staticKey(key: Expression): number | string | undefined {
  if (key.kind === 'Literal' && typeof key.value === 'number') return key.value;
  if (key.kind === 'Template' && !key.heredoc) {
    if (key.parts.length === 0) return '';
    if (key.parts.length === 1 && key.parts[0].kind === 'TemplateLiteral') return key.parts[0].value;
  }
  return undefined;
}

function convertIndexKey(ctx: ConvertContext, node: CstNode): { key: Expression; legacy: boolean } {
  const inner = node.children[0];
  if (inner?.type === 'legacy_index') {
    const dot = inner.children[0];
    const from = dot ? dot.end : inner.start;
    const raw = ctx.text.slice(from, inner.end);
    const range = ctx.between(from, inner.end);
    return { key: { kind: 'Literal', value: Number(raw), raw, range }, legacy: true };
  }
  const e = inner?.children.find((c) => c.type === 'expression');
  return { key: e ? convertExpr(ctx, e) : invalid(ctx, node), legacy: false };
}

function applyPostfix(ctx: ConvertContext, expr: Expression, node: CstNode): Expression {
  const range = extend(ctx, expr, node);
  if (node.type === 'get_attr') {
    const id = node.children.find((c) => c.type === 'identifier');
    if (!id) return { kind: 'Invalid', range };
    const name = ctx.src(id);
    if (expr.kind === 'ScopeTraversal') {
      return withStep(expr, { kind: 'attr', name, range: ctx.range(node) }, range);
    }
    return { kind: 'GetAttr', object: expr, name, nameRange: ctx.range(id), range };
  }
  if (node.type === 'index') {
    const { key, legacy } = convertIndexKey(ctx, node);
    const sk = staticKey(key);
    if (expr.kind === 'ScopeTraversal' && sk !== undefined) {
      return withStep(expr, { kind: 'index', key: sk, legacy, range: ctx.range(node) }, range);
    }
    return { kind: 'Index', collection: expr, key, legacy, range };
  }
  if (node.type === 'splat') return convertSplat(ctx, expr, node.children[0] ?? node);
  return { kind: 'Invalid', range };
}

function withStep(
  expr: ScopeTraversalExpr,
  step: TraversalStep,
  range: ScopeTraversalExpr['range'],
): Expression {
  return { ...expr, steps: [...expr.steps, step], range };
}

function convertSplat(ctx: ConvertContext, source: Expression, node: CstNode): Expression {
  const full = node.type === 'full_splat';
  const steps: SplatStep[] = [];
  const rest: CstNode[] = [];
  let end = node.children[0] ?? node;
  for (const c of significant(node).slice(1)) {
    const isNewIndex = c.type === 'index' && c.children[0]?.type === 'new_index';
    if (rest.length > 0 || (!full && isNewIndex)) {
      rest.push(c);
      continue;
    }
    end = c;
    if (c.type === 'get_attr') {
      const id = c.children.find((k) => k.type === 'identifier');
      steps.push({ kind: 'attr', name: id ? ctx.src(id) : '', range: ctx.range(c) });
    } else {
      const { key, legacy } = convertIndexKey(ctx, c);
      steps.push({ kind: 'index', key, legacy, range: ctx.range(c) });
    }
  }
  let expr: Expression = { kind: 'Splat', source, full, steps, range: extend(ctx, source, end) };
  for (const r of rest) expr = applyPostfix(ctx, expr, r);
  return expr;
}

/** An object element's key: a bare identifier is a literal name. */
export function convertObjectKey(ctx: ConvertContext, node: CstNode): ObjectKey {
  const expr = convertExpr(ctx, node);
  const range = ctx.range(node);
  if (expr.kind === 'ScopeTraversal' && expr.steps.length === 0) {
    return { kind: 'ObjectKey', ident: expr.root, expr, range };
  }
  return { kind: 'ObjectKey', expr, range };
}

/** One `key = value` / `key: value` element of an object constructor. */
export function convertObjectItem(ctx: ConvertContext, node: CstNode): ObjectItem | undefined {
  const exprs = node.children.filter((c) => c.type === 'expression');
  if (exprs.length !== 2) return undefined;
  const [key, val] = exprs;
  const sep = node.children.find((c) => c.type === '=' || c.type === ':');
  return {
    key: convertObjectKey(ctx, key),
    value: convertExpr(ctx, val),
    separator: sep?.type === ':' ? ':' : '=',
    range: ctx.range(node),
  };
}
