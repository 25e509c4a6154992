import type { ConvertContext } from './context.js';
import type { CstNode } from './cst.js';

/** HCL's detail for an unusable expression token. */
export const INVALID_EXPR = 'Expected the start of an expression, but found an invalid expression token.';
/** HCL's detail where a body item was expected. */
export const BODY_ITEM = 'An argument or block definition is required here.';

function leaves(node: CstNode, out: CstNode[] = []): CstNode[] {
  if (node.children.length === 0) out.push(node);
  for (const c of node.children) leaves(c, out);
  return out;
}

/** Errors recognisable from the tokens the ERROR node swallowed, in HCL's words. */
export function reportByContent(ctx: ConvertContext, node: CstNode, parents: CstNode[]): boolean {
  const toks = leaves(node);
  const directive = toks.findIndex((t) => t.type === 'template_directive_start');
  if (directive >= 0) {
    const kw = toks.slice(directive + 1).find((t) => t.type !== 'strip_marker');
    const start = toks[directive];
    if (kw && ['else', 'endif', 'endfor'].includes(kw.type)) {
      ctx.error(
        `Unexpected ${kw.type} directive`,
        'The control directives within this template are unbalanced.',
        start.start,
        kw.end,
      );
    } else if (kw && (kw.type === 'if' || kw.type === 'for')) {
      // HCL names the directive and where it is: "The if directive at f:1,2-12 ...".
      const close = toks.slice(toks.indexOf(kw)).find((t) => t.type === 'template_directive_end');
      const r = ctx.between(start.start, close?.end ?? kw.end);
      const where = `${r.filename}:${r.start.line},${r.start.column}-${r.start.line === r.end.line ? '' : `${r.end.line},`}${r.end.column}`;
      ctx.error(
        'Unexpected end of template',
        `The ${kw.type} directive at ${where} is missing its corresponding end${kw.type} directive.`,
        start.start,
        kw.end,
      );
    } else {
      ctx.error(
        'Unexpected end of template',
        'A template directive ("%{ if }" or "%{ for }") is not closed by its "%{ endif }" or "%{ endfor }".',
        start.start,
        kw?.end ?? start.end,
      );
    }
    return true;
  }
  if (toks[0]?.type === '?') {
    // `cond ?` then something other than `true : false` (hclsyntax's conditional parser).
    const colon = toks.findIndex((t) => t.type === ':');
    if (colon === 1 || toks.length === 1) {
      const at = toks[1] ?? toks[0];
      ctx.error('Invalid expression', INVALID_EXPR, at.start, Math.max(at.end, at.start + 1));
    } else if (colon < 0) {
      const last = toks[toks.length - 1]!;
      ctx.error(
        'Missing false expression in conditional',
        'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
        last.end,
        last.end,
      );
    } else return false;
    return true;
  }
  const inFor = parents.some((p) => p.type === 'for_tuple_expr' || p.type === 'for_object_expr');
  const forKw = toks.find((t) => t.type === 'for');
  if (inFor || forKw) {
    const at = forKw ?? toks[0] ?? node;
    ctx.error(
      "Invalid 'for' expression",
      'This for expression is incomplete or has extra parts.',
      at.start,
      Math.max(at.end, at.start + 1),
    );
    return true;
  }
  const ellipsis = toks.find((t) => t.type === 'ellipsis' || t.type === '...');
  if (ellipsis) {
    ctx.error(
      'Missing closing parenthesis',
      'An expanded final argument ("...") must be followed by the closing parenthesis of the call.',
      ellipsis.end,
      Math.min(ctx.text.length, ellipsis.end + 1),
    );
    return true;
  }
  if (toks[0]?.type === '.') {
    ctx.error(
      'Invalid attribute name',
      'An attribute name is required after a dot.',
      toks[0].start,
      toks[0].end,
    );
    return true;
  }
  return false;
}

/** An ERROR between an attribute's name and its `=`: a stray word, as HCL sees it. */
export function reportBeforeEquals(ctx: ConvertContext, node: CstNode, parent: CstNode | undefined): boolean {
  if (parent?.type !== 'attribute') return false;
  const name = parent.children[0];
  const eq = parent.children.find((c) => c.type === '=');
  if (name?.type !== 'identifier' || !eq || node.start > eq.start) return false;
  if (ctx.text.slice(name.end, node.start).includes('\n')) {
    ctx.error(
      'Argument or block definition required',
      `${BODY_ITEM} To set an argument, use the equals sign "=" to introduce the argument value.`,
      name.start,
      name.end,
    );
  } else {
    ctx.error(
      'Invalid block definition',
      'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
      eq.start,
      eq.end,
    );
  }
  return true;
}
