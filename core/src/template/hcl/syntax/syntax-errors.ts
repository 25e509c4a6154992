import type { ConvertContext } from './context.js';
import type { CstNode } from './cst.js';
import { BODY_ITEM, INVALID_EXPR, reportBeforeEquals, reportByContent } from './error-causes.js';
import { reportInvalidCharacters } from './invalid-chars.js';

/** The first leaf token inside a node (the node itself when it is a leaf). */
export function firstLeaf(node: CstNode): CstNode {
  let n = node;
  while (n.children.length > 0) n = n.children[0];
  return n;
}

/**
 * Reports every ERROR and MISSING node of the CST as a diagnostic, with
 * HCL's wording where the cause is recognisable. A missing `}` is reported
 * by the returned function, to be called once every other check has run:
 * it only stands when nothing was found after the block's opening brace.
 */
export function reportSyntaxErrors(ctx: ConvertContext, root: CstNode): () => void {
  const unclosed: CstNode[] = [];
  reportInvalidCharacters(ctx, root);
  const visit = (node: CstNode, parents: CstNode[]): void => {
    if (node.type === 'ERROR') {
      const since = ctx.diagnostics.length;
      reportError(ctx, node, parents);
      for (const d of ctx.diagnostics.slice(since)) ctx.guesses.add(d);
      return;
    }
    if (node.missing) {
      const open = unclosedBlock(node, parents);
      if (open) unclosed.push(open);
      else reportMissing(ctx, node, parents[parents.length - 1]);
      return;
    }
    parents.push(node);
    for (const c of node.children) visit(c, parents);
    parents.pop();
  };
  visit(root, []);
  return () => {
    for (const open of unclosed) {
      const byte = ctx.map.pos(open.start).byte;
      if (ctx.diagnostics.some((d) => (d.range?.start.byte ?? -1) > byte)) continue;
      ctx.error(
        'Unclosed configuration block',
        'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
        open.start,
        open.end,
      );
    }
  };
}

/** The opening brace of the block a missing `}` belongs to, if it is one. */
function unclosedBlock(node: CstNode, parents: CstNode[]): CstNode | undefined {
  if (node.type !== '}' && node.type !== 'block_end') return undefined;
  const parent = parents[parents.length - 1];
  const block =
    parent?.type === 'block'
      ? parent
      : parent?.type === 'block_end'
        ? parents[parents.length - 2]
        : undefined;
  return block?.children.find((c) => c.type === 'block_start');
}

const HEADER_OR_ITEM = new Set(['identifier', 'string_lit', 'attribute', 'block', 'body', 'block_end']);

const isOpenBrace = (n: CstNode) =>
  n.type === 'block_start' ||
  (n.type === 'ERROR' && n.children.length === 1 && n.children[0].type === 'block_start');

/**
 * Where inside an ERROR node the problem is: tree-sitter often folds a
 * whole block header into the error, so skip a valid prefix that ends with
 * an opening brace.
 */
function subjectIndex(kids: CstNode[]): number {
  let at = 0;
  for (let i = 0; i < kids.length; i++) {
    if (isOpenBrace(kids[i])) at = i + 1;
    else if (!HEADER_OR_ITEM.has(kids[i].type)) break;
  }
  return at < kids.length ? at : 0;
}

function reportError(ctx: ConvertContext, node: CstNode, parents: CstNode[]): void {
  if (reportBeforeEquals(ctx, node, parents[parents.length - 1])) return;
  if (reportByContent(ctx, node, parents)) return;
  const parent = parents[parents.length - 1];
  const atBody =
    !parent || parent.type === 'body' || parent.type === 'config_file' || parent.type === 'block';
  const kids = node.children.filter((c) => c.type !== 'comment');
  const index = atBody ? subjectIndex(kids) : 0;
  const subject = kids[index] ?? node;
  const leaf = firstLeaf(subject);
  const at = leaf.end > leaf.start ? leaf : { ...leaf, end: Math.min(ctx.text.length, leaf.start + 1) };
  if (!atBody) {
    ctx.error('Invalid expression', INVALID_EXPR, at.start, at.end);
    return;
  }
  let prev = index > 0 ? kids[index - 1] : parent?.children[parent.children.indexOf(node) - 1];
  if (prev?.type === 'body') prev = prev.children[prev.children.length - 1];
  const sameLine = prev && !ctx.text.slice(prev.end, subject.start).includes('\n');
  if (prev?.type === 'attribute' && sameLine) {
    if (leaf.type === ',') {
      ctx.error(
        'Unexpected comma after argument',
        'Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.',
        at.start,
        at.end,
      );
    } else {
      ctx.error(
        'Missing newline after argument',
        'An argument definition must end with a newline.',
        at.start,
        at.end,
      );
    }
    return;
  }
  if (subject.type === 'identifier' && kids[index + 1]?.type === '=') {
    const eq = kids[index + 1];
    const next = kids[index + 2];
    const gap = ctx.text.slice(eq.end, next ? next.start : ctx.text.length);
    const nl = gap.search(/\S|\n/);
    const pos = eq.end + (nl < 0 ? gap.length : nl);
    ctx.error('Invalid expression', INVALID_EXPR, pos, Math.min(ctx.text.length, pos + 1));
    return;
  }
  if (leaf.type === 'quoted_template_start') {
    ctx.error('Invalid argument name', 'Argument names must not be quoted.', at.start, at.end);
    return;
  }
  if (leaf.type === 'identifier') {
    ctx.error(
      'Argument or block definition required',
      `${BODY_ITEM} To set an argument, use the equals sign "=" to introduce the argument value.`,
      at.start,
      at.end,
    );
    return;
  }
  ctx.error('Argument or block definition required', BODY_ITEM, at.start, at.end);
}

function reportMissing(ctx: ConvertContext, node: CstNode, parent: CstNode | undefined): void {
  const at = node.start;
  const atEnd = ctx.text.slice(at).trim() === '';
  if (
    node.type === ')' &&
    atEnd &&
    (parent?.type === 'function_call' || parent?.type === 'function_arguments')
  ) {
    ctx.error(
      'Unterminated function call',
      'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
      at,
      at,
    );
    return;
  }
  switch (node.type) {
    case 'block_end':
    case '}': {
      ctx.error('Missing closing brace', 'Expected a closing brace "}" here.', at, at);
      return;
    }
    case 'quoted_template_end':
    case '"':
      ctx.error('Unterminated template string', 'No closing marker was found for the string.', at, at);
      return;
    case 'heredoc_identifier':
      ctx.error('Unterminated template string', 'No closing marker was found for the heredoc.', at, at);
      return;
    case ')':
      ctx.error(
        'Unbalanced parentheses',
        'Expected a closing parenthesis to terminate the expression.',
        at,
        at,
      );
      return;
    case ']':
      if (parent?.type === 'tuple_end' && atEnd) {
        ctx.error(
          'Unterminated tuple constructor expression',
          'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
          at,
          at,
        );
        return;
      }
      if (parent?.type === 'new_index') {
        ctx.error(
          'Missing close bracket on index',
          'The index operator must end with a closing bracket ("]").',
          at,
          at,
        );
        return;
      }
      ctx.error('Missing closing bracket', 'Expected a closing bracket "]" here.', at, at);
      return;
    case 'tuple_end':
      ctx.error('Missing closing bracket', 'Expected a closing bracket "]" here.', at, at);
      return;
    default:
      ctx.error('Invalid expression', INVALID_EXPR, at, at);
  }
}
