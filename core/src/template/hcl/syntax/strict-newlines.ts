import type { ConvertContext } from './context.js';
import type { CstNode } from './cst.js';
import { firstLeaf } from './syntax-errors.js';

/** Nodes inside which HCL ignores newlines entirely. */
const NEWLINES_IGNORED = new Set([
  'tuple',
  'function_arguments',
  'for_tuple_expr',
  'for_object_expr',
  'template_expr',
  'string_lit',
  'new_index',
]);

/** Tokens that continue an expression that was already complete. */
const CONTINUATION = new Set([
  '?',
  ':',
  '||',
  '&&',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '.',
  '[',
  '.*',
  '[*]',
  '(',
]);

const HCL_NUMBER = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/**
 * HCL ends an argument at a newline unless the newline is inside brackets,
 * parentheses, a template or a for expression; inside an object
 * constructor a newline separates items. Reports newlines the grammar
 * swallowed where HCL would not, plus missing object item separators and
 * number literals HCL does not accept.
 */
export function checkExpressionNewlines(ctx: ConvertContext, expr: CstNode): void {
  visit(ctx, expr, false);
}

function visit(ctx: ConvertContext, node: CstNode, ok: boolean): void {
  if (node.type === 'ERROR') return;
  if (node.type === 'numeric_lit' && !HCL_NUMBER.test(ctx.src(node))) {
    ctx.error(
      'Invalid number literal',
      'HCL numbers are decimal: digits, an optional fraction and exponent.',
      node.start,
      node.end,
    );
  }
  if (node.type === 'object') {
    visitObject(ctx, node);
    return;
  }
  const inner = ok || NEWLINES_IGNORED.has(node.type);
  const kids = node.children.filter((c) => c.type !== 'comment');
  let depth = 0;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    const gapOk = inner || depth > 0 || (node.type === 'function_call' && i > 1);
    if (c.type === ')' && depth > 0) depth--;
    if (i > 0 && !gapOk && !(depth > 0) && ctx.text.slice(kids[i - 1].end, c.start).includes('\n')) {
      report(ctx, kids[i - 1], c);
      return;
    }
    const next = kids[i + 1];
    if (c.type === 'literal_value' && c.children[0]?.type === 'numeric_lit' && next?.start === c.end) {
      if (next.type === 'index' && next.children[0]?.type === 'legacy_index') {
        ctx.error('Invalid number literal', 'This is not a valid number.', c.start, next.end);
      }
    }
    visit(ctx, c, inner || depth > 0 || node.type === 'function_call');
    if (c.type === '(' && node.type !== 'function_call') depth++;
  }
}

function visitObject(ctx: ConvertContext, node: CstNode): void {
  const kids = node.children.filter((c) => c.type !== 'comment');
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    const prev = kids[i - 1];
    if (c.type === ',' && prev?.type === 'object_elem' && ctx.text.slice(prev.end, c.start).includes('\n')) {
      ctx.error(
        'Invalid expression',
        'Expected the start of an expression, but found an invalid expression token.',
        c.start,
        c.end,
      );
    }
    if (c.type !== 'object_elem') continue;
    if (prev?.type === 'object_elem' && !ctx.text.slice(prev.end, c.start).includes('\n')) {
      const tok = firstLeaf(c);
      ctx.error(
        'Missing attribute separator',
        'Expected a newline or comma to mark the beginning of the next attribute.',
        tok.start,
        tok.end,
      );
    }
    visit(ctx, c, false);
  }
}

function report(ctx: ConvertContext, prev: CstNode, next: CstNode): void {
  const tok = firstLeaf(next);
  if (CONTINUATION.has(tok.type) && !CONTINUATION.has(lastLeaf(prev).type)) {
    ctx.error(
      'Argument or block definition required',
      'An argument or block definition is required here.',
      tok.start,
      tok.end,
    );
    return;
  }
  const nl = ctx.text.indexOf('\n', prev.end);
  ctx.error(
    'Invalid expression',
    'Expected the start of an expression, but found an invalid expression token.',
    nl,
    nl + 1,
  );
}

function lastLeaf(node: CstNode): CstNode {
  let n = node;
  while (n.children.length > 0) n = n.children[n.children.length - 1];
  return n;
}
