import type { Attribute, Block, BlockLabel, Body, BodyItem, Expression } from './ast.js';
import type { ConvertContext } from './context.js';
import { convertExpr } from './convert-expr.js';
import type { CstNode } from './cst.js';
import { decodeLiteral } from './decode-string.js';

/** The whole file (`config_file` node) → Body. */
export function convertFile(ctx: ConvertContext, root: CstNode): Body {
  const body = root.children.find((c) => c.type === 'body');
  const object = root.children.find((c) => c.type === 'object');
  if (object) {
    ctx.error(
      'Argument or block definition required',
      'An argument or block definition is required here.',
      object.start,
      object.start + 1,
    );
  }
  return convertBody(ctx, body, 0, ctx.text.length);
}

/** A `body` node (absent for `{}`) spanning [start, end) → Body. */
export function convertBody(
  ctx: ConvertContext,
  node: CstNode | undefined,
  start: number,
  end: number,
): Body {
  const items: BodyItem[] = [];
  for (const c of node?.children ?? []) {
    if (c.type === 'attribute') items.push(convertAttribute(ctx, c));
    else if (c.type === 'block') items.push(convertBlock(ctx, c));
  }
  return {
    kind: 'Body',
    items,
    attributes: items.filter((i): i is Attribute => i.kind === 'Attribute'),
    blocks: items.filter((i): i is Block => i.kind === 'Block'),
    range: ctx.between(start, end),
  };
}

function convertAttribute(ctx: ConvertContext, node: CstNode): Attribute {
  const id = node.children[0];
  const exprNode = node.children.find((c) => c.type === 'expression');
  const expr: Expression = exprNode
    ? convertExpr(ctx, exprNode)
    : { kind: 'Invalid', range: ctx.between(node.end, node.end) };
  return { kind: 'Attribute', name: ctx.src(id), nameRange: ctx.range(id), expr, range: ctx.range(node) };
}

function convertBlock(ctx: ConvertContext, node: CstNode): Block {
  const kids = node.children;
  const id = kids[0];
  const open = kids.find((c) => c.type === 'block_start');
  const close = kids.find((c) => c.type === 'block_end');
  const labels: BlockLabel[] = [];
  for (const c of kids.slice(1)) {
    if (c.type === 'block_start') break;
    if (c.type === 'identifier') labels.push({ value: ctx.src(c), quoted: false, range: ctx.range(c) });
    else if (c.type === 'string_lit') labels.push(convertLabel(ctx, c));
  }
  const openAt = open ?? id;
  const closeAt = close && !close.missing ? close : { ...openAt, start: node.end, end: node.end };
  const bodyNode = kids.find((c) => c.type === 'body');
  return {
    kind: 'Block',
    type: ctx.src(id),
    typeRange: ctx.range(id),
    labels,
    body: convertBody(ctx, bodyNode, openAt.end, closeAt.start),
    openBraceRange: ctx.range(openAt),
    closeBraceRange: ctx.range(closeAt),
    range: ctx.range(node),
  };
}

function convertLabel(ctx: ConvertContext, node: CstNode): BlockLabel {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  const from = first ? first.end : node.start;
  const to = last && last !== first && !last.missing ? last.start : node.end;
  const raw = ctx.text.slice(from, to);
  const seq = /[$%]\{/.exec(raw.replace(/([$%])\1\{/g, '___'));
  if (seq) {
    const which = seq[0][0];
    ctx.error(
      'Invalid string literal',
      `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`,
      from + seq.index,
      from + seq.index + 2,
    );
  }
  const { value, problems } = decodeLiteral(raw, true, from);
  for (const p of problems) ctx.error('Invalid escape sequence', p.detail, p.start, p.end);
  return { value, quoted: true, range: ctx.range(node) };
}
