import type { Expression, ObjectItem } from './ast.js';
import type { ConvertContext } from './context.js';
import { convertExpr, convertObjectItem, invalid, significant } from './convert-expr.js';
import type { CstNode } from './cst.js';

/** `tuple` or `object` CST node → TupleExpr / ObjectExpr. */
export function convertCollection(ctx: ConvertContext, node: CstNode): Expression {
  const range = ctx.range(node);
  if (node.type === 'tuple') {
    const elements = node.children.filter((c) => c.type === 'expression').map((c) => convertExpr(ctx, c));
    return { kind: 'Tuple', elements, range };
  }
  if (node.type === 'object') {
    const items: ObjectItem[] = [];
    for (const c of node.children) {
      if (c.type !== 'object_elem') continue;
      const item = convertObjectItem(ctx, c);
      if (item) items.push(item);
    }
    return { kind: 'Object', items, range };
  }
  return invalid(ctx, node);
}

/** `name(args...)`. */
export function convertFunctionCall(ctx: ConvertContext, node: CstNode): Expression {
  const kids = significant(node);
  const id = kids[0];
  const open = kids.find((c) => c.type === '(');
  const close = kids.find((c) => c.type === ')');
  const argsNode = kids.find((c) => c.type === 'function_arguments');
  if (id?.type !== 'identifier' || !open) return invalid(ctx, node);
  const args = argsNode
    ? argsNode.children.filter((c) => c.type === 'expression').map((c) => convertExpr(ctx, c))
    : [];
  return {
    kind: 'FunctionCall',
    name: ctx.src(id),
    nameRange: ctx.range(id),
    args,
    expandFinal: argsNode?.children.some((c) => c.type === 'ellipsis') ?? false,
    openParenRange: ctx.range(open),
    closeParenRange: close ? ctx.range(close) : ctx.between(node.end, node.end),
    range: ctx.range(node),
  };
}

/** `for_tuple_expr` / `for_object_expr` → ForExpr. */
export function convertFor(ctx: ConvertContext, node: CstNode): Expression {
  const intro = node.children.find((c) => c.type === 'for_intro');
  if (!intro) return invalid(ctx, node);
  const names = intro.children.filter((c) => c.type === 'identifier').map((c) => ctx.src(c));
  const coll = intro.children.find((c) => c.type === 'expression');
  const exprs = node.children.filter((c) => c.type === 'expression');
  const cond = node.children
    .find((c) => c.type === 'for_cond')
    ?.children.find((c) => c.type === 'expression');
  const object = node.type === 'for_object_expr';
  const valueNode = object ? exprs[1] : exprs[0];
  if (!coll || !valueNode || names.length === 0) return invalid(ctx, node);
  return {
    kind: 'For',
    object,
    keyVar: names.length > 1 ? names[0] : undefined,
    valueVar: names[names.length - 1],
    collection: convertExpr(ctx, coll),
    keyExpr: object && exprs[0] ? convertExpr(ctx, exprs[0]) : undefined,
    valueExpr: convertExpr(ctx, valueNode),
    condition: cond ? convertExpr(ctx, cond) : undefined,
    group: node.children.some((c) => c.type === 'ellipsis'),
    range: ctx.range(node),
  };
}
