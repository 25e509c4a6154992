import type { Body } from './ast.js';
import type { ConvertContext } from './context.js';
import type { CstNode } from './cst.js';
import { checkExpressionNewlines } from './strict-newlines.js';
import { firstLeaf } from './syntax-errors.js';

/**
 * Rules hashicorp/hcl enforces that the tree-sitter grammar does not:
 * newlines between body items, block headers on one line, single-line
 * block shape, newlines inside expressions, separators between object
 * items, HCL's number syntax, and attributes set twice in one body.
 */
export function checkStrict(ctx: ConvertContext, root: CstNode, body: Body): void {
  walkBodies(ctx, root);
  checkRedefined(ctx, body);
}

function walkBodies(ctx: ConvertContext, node: CstNode): void {
  if (node.type === 'ERROR') return;
  if (node.type === 'body' || node.type === 'config_file') checkItemNewlines(ctx, node);
  if (node.type === 'block') checkBlock(ctx, node);
  if (node.type === 'attribute') checkAttribute(ctx, node);
  for (const c of node.children) walkBodies(ctx, c);
}

const hasNewline = (ctx: ConvertContext, from: number, to: number) => ctx.text.slice(from, to).includes('\n');

function items(node: CstNode): CstNode[] {
  return node.children.filter((c) => c.type === 'attribute' || c.type === 'block');
}

function checkItemNewlines(ctx: ConvertContext, body: CstNode): void {
  const list = items(body);
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1];
    const next = list[i];
    if (hasNewline(ctx, prev.end, next.start)) continue;
    const tok = firstLeaf(next);
    if (prev.type === 'attribute') {
      ctx.error(
        'Missing newline after argument',
        'An argument definition must end with a newline.',
        tok.start,
        tok.end,
      );
    } else {
      ctx.error(
        'Missing newline after block definition',
        'A block definition must end with a newline.',
        tok.start,
        tok.end,
      );
    }
  }
}

const NAME_REQUIRED =
  'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.';

/** The grammar lets `::` into identifiers; HCL allows it only in function names. */
function checkName(ctx: ConvertContext, id: CstNode | undefined): void {
  if (id?.type === 'identifier' && ctx.src(id).includes('::')) {
    ctx.error('Argument or block definition required', NAME_REQUIRED, id.start, id.end);
  }
}

function checkBlock(ctx: ConvertContext, block: CstNode): void {
  const kids = block.children;
  for (const k of kids) {
    if (k.type === 'block_start') break;
    checkName(ctx, k);
  }
  const open = kids.find((c) => c.type === 'block_start');
  const close = kids.find((c) => c.type === 'block_end');
  if (!open || !close || close.missing) return;
  const nl = ctx.text.indexOf('\n', block.start);
  if (nl >= 0 && nl < open.start) {
    ctx.error(
      'Invalid block definition',
      'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
      nl,
      nl + 1,
    );
    return;
  }
  const body = kids.find((c) => c.type === 'body');
  const list = body ? items(body) : [];
  if (list.length === 0) return;
  const first = list[0];
  const last = list[list.length - 1];
  if (hasNewline(ctx, open.end, first.start)) {
    if (!hasNewline(ctx, last.end, close.start)) {
      const [summary, detail] =
        last.type === 'attribute'
          ? ['Missing newline after argument', 'An argument definition must end with a newline.']
          : ['Missing newline after block definition', 'A block definition must end with a newline.'];
      ctx.error(summary, detail, close.start, close.end);
    }
    return;
  }
  if (first.type === 'block') {
    const name = ctx.src(first.children[0]);
    ctx.error(
      'Argument definition required',
      `A single-line block definition can contain only a single argument. If you meant to define argument "${name}", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
      first.start,
      first.children[1]?.end ?? first.end,
    );
    return;
  }
  if (list.length > 1 || hasNewline(ctx, first.end, close.start)) {
    const at = list.length > 1 && !hasNewline(ctx, first.end, list[1].start) ? firstLeaf(list[1]) : undefined;
    const nlAt = ctx.text.indexOf('\n', first.end);
    ctx.error(
      'Invalid single-argument block definition',
      "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
      at ? at.start : nlAt,
      at ? at.end : nlAt + 1,
    );
  }
}

function checkAttribute(ctx: ConvertContext, attr: CstNode): void {
  const [name, eq, expr] = attr.children.filter((c) => c.type !== 'comment');
  if (!name || !eq || eq.type !== '=') return;
  checkName(ctx, name);
  if (hasNewline(ctx, name.end, eq.start)) {
    ctx.error('Argument or block definition required', NAME_REQUIRED, name.start, name.end);
    return;
  }
  if (expr?.type !== 'expression') return;
  if (hasNewline(ctx, eq.end, expr.start)) {
    const nl = ctx.text.indexOf('\n', eq.end);
    ctx.error(
      'Invalid expression',
      'Expected the start of an expression, but found an invalid expression token.',
      nl,
      nl + 1,
    );
    return;
  }
  checkExpressionNewlines(ctx, expr);
}

function checkRedefined(ctx: ConvertContext, body: Body): void {
  const seen = new Map<string, Body['attributes'][number]>();
  for (const a of body.attributes) {
    const first = seen.get(a.name);
    if (!first) {
      seen.set(a.name, a);
      continue;
    }
    const r = first.nameRange;
    ctx.diagnostics.push({
      severity: 'error',
      summary: 'Attribute redefined',
      detail: `The argument "${a.name}" was already set at ${r.filename}:${r.start.line},${r.start.column}-${r.end.column}. Each argument may be set only once.`,
      range: a.nameRange,
    });
  }
  for (const b of body.blocks) checkRedefined(ctx, b.body);
}
