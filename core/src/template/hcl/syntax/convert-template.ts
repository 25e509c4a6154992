import type { Expression, TemplateExpr, TemplatePart } from './ast.js';
import type { ConvertContext } from './context.js';
import { convertExpr } from './convert-expr.js';
import type { CstNode } from './cst.js';
import { decodeLiteral } from './decode-string.js';

/** How literal text in one template is read. */
interface LiteralMode {
  quoted: boolean;
  /** For `<<-` heredocs: how many leading whitespace characters to cut from each line. */
  indent: number;
}

/** A part plus the strip markers that act on its neighbours. */
interface RawPart {
  part: TemplatePart;
  stripLeft: boolean;
  stripRight: boolean;
}

const SPACE_START = /^\s+/u;
const SPACE_END = /\s+$/u;

/** A quoted string (`string_lit` or `quoted_template`) → Template or TemplateWrap. */
export function convertQuoted(ctx: ConvertContext, node: CstNode): Expression {
  const kids = node.children;
  const open = kids[0];
  const close = kids[kids.length - 1];
  const closed = close !== open && close.type === 'quoted_template_end' && !close.missing;
  const to = closed ? close.start : node.end;
  const parts = buildParts(ctx, kids.slice(1, closed ? -1 : undefined), open.end, to, {
    quoted: true,
    indent: 0,
  });
  const range = ctx.range(node);
  if (
    parts.length === 1 &&
    parts[0].kind === 'TemplateInterpolation' &&
    !parts[0].stripLeft &&
    !parts[0].stripRight
  ) {
    return { kind: 'TemplateWrap', expr: parts[0].expr, range };
  }
  return { kind: 'Template', parts, range };
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
  const inner = kids.slice(2, closed ? -1 : undefined);
  const indent = indented ? minIndent(text.slice(from, to)) : 0;
  const parts = buildParts(ctx, inner, Math.min(from, to), to, { quoted: false, indent });
  return { kind: 'Template', parts, heredoc: { marker, indented }, range: ctx.range(node) };
}

function minIndent(content: string): number {
  let min = Number.POSITIVE_INFINITY;
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^[ \t]*/.exec(line);
    min = Math.min(min, m ? m[0].length : 0);
  }
  return Number.isFinite(min) ? min : 0;
}

/** Builds the parts between `from` and `to`; `items` are the CST children there. */
function buildParts(
  ctx: ConvertContext,
  items: CstNode[],
  from: number,
  to: number,
  mode: LiteralMode,
  leadStrip = false,
  trailStrip = false,
): TemplatePart[] {
  const raw: RawPart[] = [];
  let pos = from;
  for (const item of items) {
    if (item.type !== 'template_interpolation' && item.type !== 'template_directive') continue;
    if (item.start > pos) raw.push(literal(ctx, pos, item.start, mode));
    raw.push(item.type === 'template_interpolation' ? interpolation(ctx, item) : directive(ctx, item, mode));
    pos = item.end;
  }
  if (to > pos) raw.push(literal(ctx, pos, to, mode));
  return applyStrip(raw, leadStrip, trailStrip);
}

function applyStrip(raw: RawPart[], leadStrip: boolean, trailStrip: boolean): TemplatePart[] {
  const out: TemplatePart[] = [];
  raw.forEach((r, i) => {
    if (r.part.kind !== 'TemplateLiteral') {
      out.push(r.part);
      return;
    }
    let value = r.part.value;
    if (i === 0 ? leadStrip : raw[i - 1].stripRight) value = value.replace(SPACE_START, '');
    if (i === raw.length - 1 ? trailStrip : raw[i + 1].stripLeft) value = value.replace(SPACE_END, '');
    if (value !== '') out.push({ ...r.part, value });
  });
  return out;
}

function literal(ctx: ConvertContext, start: number, end: number, mode: LiteralMode): RawPart {
  let text = ctx.text.slice(start, end);
  if (mode.quoted && text.includes('\n')) {
    const at = start + text.indexOf('\n');
    ctx.error(
      'Invalid multi-line string',
      'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      at,
      at + 1,
    );
  }
  if (mode.indent > 0) text = dedent(text, mode.indent, start === 0 || ctx.text[start - 1] === '\n');
  const { value, problems } = decodeLiteral(text, mode.quoted, start);
  for (const p of problems) ctx.error('Invalid escape sequence', p.detail, p.start, p.end);
  return {
    part: { kind: 'TemplateLiteral', value, range: ctx.between(start, end) },
    stripLeft: false,
    stripRight: false,
  };
}

function dedent(text: string, indent: number, atLineStart: boolean): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      if (i === 0 && !atLineStart) return line;
      let cut = 0;
      while (cut < indent && (line[cut] === ' ' || line[cut] === '\t')) cut++;
      return line.slice(cut);
    })
    .join('\n');
}

/** Left/right strip markers of a `${...}` or `%{...}` sequence node. */
function stripMarkers(node: CstNode): { left: boolean; right: boolean } {
  const k = node.children;
  const left = k.length > 1 && k[1].type === 'strip_marker';
  const right =
    k.length > 2 && k[k.length - 2].type === 'strip_marker' && k[k.length - 2] !== (left ? k[1] : undefined);
  return { left, right };
}

function interpolation(ctx: ConvertContext, node: CstNode): RawPart {
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
  return {
    part: { kind: 'TemplateInterpolation', expr, stripLeft: left, stripRight: right, range: ctx.range(node) },
    stripLeft: left,
    stripRight: right,
  };
}

function directive(ctx: ConvertContext, node: CstNode, mode: LiteralMode): RawPart {
  const d = node.children[0];
  const kids = d.children;
  const first = kids[0];
  const last = kids[kids.length - 1];
  const open = stripMarkers(first);
  const close = stripMarkers(last);
  const range = ctx.range(node);
  if (d.type === 'template_for') {
    const ids = first.children.filter((c) => c.type === 'identifier').map((c) => ctx.src(c));
    const coll = first.children.find((c) => c.type === 'expression');
    const body = buildParts(ctx, kids.slice(1, -1), first.end, last.start, mode, open.right, close.left);
    return {
      part: {
        kind: 'TemplateFor',
        keyVar: ids.length > 1 ? ids[0] : undefined,
        valueVar: ids[ids.length - 1] ?? '',
        collection: coll ? convertExpr(ctx, coll) : { kind: 'Invalid', range },
        body,
        range,
      },
      stripLeft: open.left,
      stripRight: close.right,
    };
  }
  const elseAt = kids.findIndex((c) => c.type === 'template_else_intro');
  const cond = first.children.find((c) => c.type === 'expression');
  const condition: Expression = cond ? convertExpr(ctx, cond) : { kind: 'Invalid', range };
  if (elseAt < 0) {
    const then = buildParts(ctx, kids.slice(1, -1), first.end, last.start, mode, open.right, close.left);
    return {
      part: { kind: 'TemplateIf', condition, then, range },
      stripLeft: open.left,
      stripRight: close.right,
    };
  }
  const el = kids[elseAt];
  const es = stripMarkers(el);
  const then = buildParts(ctx, kids.slice(1, elseAt), first.end, el.start, mode, open.right, es.left);
  const otherwise = buildParts(
    ctx,
    kids.slice(elseAt + 1, -1),
    el.end,
    last.start,
    mode,
    es.right,
    close.left,
  );
  return {
    part: { kind: 'TemplateIf', condition, then, else: otherwise, range },
    stripLeft: open.left,
    stripRight: close.right,
  };
}
