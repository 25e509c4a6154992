import type { Expression, TemplateExpr, TemplatePart } from './ast.js';
import type { ConvertContext } from './context.js';
import { convertExpr } from './convert-expr.js';
import type { CstNode } from './cst.js';
import { decodeLiteral } from './decode-string.js';
import { applyStripMarkers, type ControlToken, flushHeredoc, type TemplateToken } from './template-tokens.js';

/** A quoted string (`string_lit` or `quoted_template`) → Template or TemplateWrap. */
export function convertQuoted(ctx: ConvertContext, node: CstNode): Expression {
  const kids = node.children;
  const open = kids[0];
  const close = kids[kids.length - 1];
  const closed = close !== open && close.type === 'quoted_template_end' && !close.missing;
  const tokens: TemplateToken[] = [];
  flatten(
    ctx,
    kids.slice(1, closed ? -1 : undefined),
    open.end,
    closed ? close.start : node.end,
    true,
    tokens,
  );
  const range = ctx.range(node);
  const only = tokens[0];
  if (tokens.length === 1 && only.kind === 'interp') return { kind: 'TemplateWrap', expr: only.expr, range };
  applyStripMarkers(tokens);
  return { kind: 'Template', parts: nest(ctx, meld(ctx, tokens)), range };
}

/** `<<EOT` / `<<-EOT` heredoc → Template. */
export function convertHeredoc(ctx: ConvertContext, node: CstNode): TemplateExpr {
  const kids = node.children;
  const indented = ctx.src(kids[0]) === '<<-';
  const opener = kids[1];
  const marker = opener ? ctx.src(opener) : '';
  const closer = kids.length > 2 ? kids[kids.length - 1] : undefined;
  const closed = closer !== undefined && closer.type === 'heredoc_identifier' && !closer.missing;
  const text = ctx.text;
  const nl = text.indexOf('\n', opener?.end ?? node.start);
  const from = nl < 0 ? node.end : nl + 1;
  const junk = opener && nl > opener.end ? text.slice(opener.end, nl).replace(/\r$/, '') : '';
  if (junk !== '') {
    ctx.error(
      'Invalid expression',
      'A heredoc marker must be followed immediately by a newline.',
      opener.end,
      opener.end + junk.length,
    );
  }
  let to = closed ? closer.start : node.end;
  while (to > from && (text[to - 1] === ' ' || text[to - 1] === '\t')) to--;
  const tokens: TemplateToken[] = [];
  flatten(ctx, kids.slice(2, closed ? -1 : undefined), Math.min(from, to), to, false, tokens);
  applyStripMarkers(tokens);
  if (indented) flushHeredoc(tokens);
  return {
    kind: 'Template',
    parts: nest(ctx, meld(ctx, tokens)),
    heredoc: { marker, indented },
    range: ctx.range(node),
  };
}

const MARKERS: Record<string, 'if' | 'else' | 'endif' | 'for' | 'endfor'> = {
  template_if_intro: 'if',
  template_else_intro: 'else',
  template_if_end: 'endif',
  template_for_start: 'for',
  template_for_end: 'endfor',
};

/** Flattens template content between `from` and `to` into tokens (literal gaps included). */
function flatten(
  ctx: ConvertContext,
  items: CstNode[],
  from: number,
  to: number,
  quoted: boolean,
  out: TemplateToken[],
): void {
  let pos = from;
  const walk = (list: CstNode[]) => {
    for (const item of list) {
      if (item.type === 'template_directive' || item.type === 'template_if' || item.type === 'template_for') {
        walk(item.children);
        continue;
      }
      const marker = MARKERS[item.type];
      if (item.type !== 'template_interpolation' && !marker) continue;
      if (item.start > pos) literals(ctx, pos, item.start, quoted, out);
      out.push(marker ? control(ctx, item, marker) : interpolation(ctx, item));
      pos = item.end;
    }
  };
  walk(items);
  if (to > pos) literals(ctx, pos, to, quoted, out);
}

/** Literal text as tokens: one per line (with its newline), decoded. */
function literals(
  ctx: ConvertContext,
  start: number,
  end: number,
  quoted: boolean,
  out: TemplateToken[],
): void {
  const text = ctx.text.slice(start, end);
  if (quoted && text.includes('\n')) {
    const at = start + text.indexOf('\n');
    ctx.error(
      'Invalid multi-line string',
      'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      at,
      at + 1,
    );
  }
  let s = 0;
  while (s < text.length) {
    const nl = text.indexOf('\n', s);
    const e = nl < 0 ? text.length : nl + 1;
    const { value, problems } = decodeLiteral(text.slice(s, e), quoted, start + s);
    for (const p of problems) ctx.error('Invalid escape sequence', p.detail, p.start, p.end);
    out.push({ kind: 'literal', value, start: start + s, end: start + e });
    s = e;
  }
}

/** Left/right strip markers of a `${...}` or `%{...}` sequence node. */
function stripMarkers(node: CstNode): { left: boolean; right: boolean } {
  const k = node.children;
  const left = k.length > 1 && k[1].type === 'strip_marker';
  const last = k[k.length - 2];
  const right = k.length > 2 && last.type === 'strip_marker' && !(left && last === k[1]);
  return { left, right };
}

function interpolation(ctx: ConvertContext, node: CstNode): TemplateToken {
  const { left, right } = stripMarkers(node);
  const exprNode = node.children.find((c) => c.type === 'expression');
  const expr: Expression = exprNode
    ? convertExpr(ctx, exprNode)
    : { kind: 'Invalid', range: ctx.range(node) };
  if (!exprNode && !node.children.some((c) => c.type === 'ERROR')) {
    ctx.error(
      'Invalid expression',
      'An expression is required inside an interpolation sequence.',
      node.start,
      node.end,
    );
  }
  return { kind: 'interp', expr, stripLeft: left, stripRight: right, range: ctx.range(node) };
}

function control(
  ctx: ConvertContext,
  node: CstNode,
  kind: 'if' | 'else' | 'endif' | 'for' | 'endfor',
): TemplateToken {
  const { left, right } = stripMarkers(node);
  const range = ctx.range(node);
  const exprNode = node.children.find((c) => c.type === 'expression');
  const expr: Expression | undefined = exprNode ? convertExpr(ctx, exprNode) : undefined;
  const ids = node.children.filter((c) => c.type === 'identifier').map((c) => ctx.src(c));
  const invalid: Expression = { kind: 'Invalid', range };
  return {
    kind,
    stripLeft: left,
    stripRight: right,
    start: node.start,
    end: node.end,
    range,
    condition: kind === 'if' ? (expr ?? invalid) : undefined,
    collection: kind === 'for' ? (expr ?? invalid) : undefined,
    keyVar: kind === 'for' && ids.length > 1 ? ids[0] : undefined,
    valueVar: kind === 'for' ? (ids[ids.length - 1] ?? '') : undefined,
  };
}

/** Joins consecutive literal tokens and drops empty ones. */
function meld(ctx: ConvertContext, tokens: TemplateToken[]): (TemplateToken | TemplatePart)[] {
  const out: (TemplateToken | TemplatePart)[] = [];
  let run: Extract<TemplateToken, { kind: 'literal' }>[] = [];
  const flush = () => {
    const value = run.map((t) => t.value).join('');
    if (value !== '') {
      out.push({ kind: 'TemplateLiteral', value, range: ctx.between(run[0].start, run[run.length - 1].end) });
    }
    run = [];
  };
  for (const t of tokens) {
    if (t.kind === 'literal') {
      run.push(t);
      continue;
    }
    if (run.length > 0) flush();
    out.push(t);
  }
  if (run.length > 0) flush();
  return out;
}

/** Nests the flat sequence into parts: if/else/endif and for/endfor become TemplateIf/TemplateFor. */
function nest(ctx: ConvertContext, seq: (TemplateToken | TemplatePart)[]): TemplatePart[] {
  let i = 0;
  const parse = (until: Set<string>): { parts: TemplatePart[]; end?: ControlToken } => {
    const parts: TemplatePart[] = [];
    while (i < seq.length) {
      const t = seq[i++];
      if (t.kind === 'TemplateLiteral') parts.push(t);
      else if (t.kind === 'interp') {
        parts.push({
          kind: 'TemplateInterpolation',
          expr: t.expr,
          stripLeft: t.stripLeft,
          stripRight: t.stripRight,
          range: t.range,
        });
      } else if (t.kind === 'if' || t.kind === 'for') {
        parts.push(t.kind === 'if' ? ifPart(t) : forPart(t));
      } else if ((t.kind === 'else' || t.kind === 'endif' || t.kind === 'endfor') && until.has(t.kind)) {
        return { parts, end: t };
      }
    }
    return { parts };
  };
  const ifPart = (open: ControlToken): TemplatePart => {
    const then = parse(new Set(['else', 'endif']));
    const otherwise = then.end?.kind === 'else' ? parse(new Set(['endif'])) : undefined;
    const last = (otherwise ?? then).end;
    return {
      kind: 'TemplateIf',
      condition: open.condition ?? { kind: 'Invalid', range: open.range },
      // biome-ignore lint/suspicious/noThenProperty: the AST's if-branch, never awaited
      then: then.parts,
      else: otherwise?.parts,
      range: last ? ctx.between(open.start, last.end) : open.range,
    };
  };
  const forPart = (open: ControlToken): TemplatePart => {
    const body = parse(new Set(['endfor']));
    const last = body.end;
    return {
      kind: 'TemplateFor',
      keyVar: open.keyVar,
      valueVar: open.valueVar ?? '',
      collection: open.collection ?? { kind: 'Invalid', range: open.range },
      body: body.parts,
      range: last ? ctx.between(open.start, last.end) : open.range,
    };
  };
  return parse(new Set()).parts;
}
