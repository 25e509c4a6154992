import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { Expression, TemplateExpr } from '../syntax/ast.js';
import { parseHcl } from '../syntax/parse.js';

/** A parsed standalone expression or template. */
export interface ParsedExpression {
  expr: Expression;
  diagnostics: TemplateDiagnostic[];
}

const ATTR = '__kiln_expr__';

/**
 * Parses one expression (console input, -var values of complex type) with
 * the HCL parser. `initHclParser()` must have resolved. Ranges are in
 * `filename`, line 1 column 1 being the start of `text`.
 */
export function parseExpression(text: string, filename: string): ParsedExpression {
  const prefix = `${ATTR} = `;
  const r = parseHcl(`${prefix}${text}\n`, filename);
  const attr = r.body.attributes.find((a) => a.name === ATTR);
  shiftFirstLine(r, prefix.length, Buffer.byteLength(prefix));
  shiftQuotedRanges(r.diagnostics, filename, (line, col) => [line, line === 1 ? col - prefix.length : col]);
  const diagnostics = r.diagnostics;
  if (!attr || r.body.items.length !== 1) {
    const pos = { line: 1, column: 1, byte: 0 };
    const range = { filename, start: pos, end: pos };
    if (!diagnostics.length)
      diagnostics.push({
        severity: 'error',
        summary: 'Invalid expression',
        detail: 'Expected one expression.',
        range,
      });
    return { expr: { kind: 'Invalid', range }, diagnostics };
  }
  return { expr: attr.expr, diagnostics };
}

/**
 * Parses a string template (templatefile's file contents): literal text with
 * `${...}` interpolations and `%{...}` directives. Ranges start at line 1.
 */
export function parseTemplate(text: string, filename: string): ParsedExpression {
  let marker = 'KILNTPL';
  while (text.includes(marker)) marker += 'X';
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  const r = parseHcl(`${ATTR} = <<${marker}\n${body}${marker}\n`, filename);
  const attr = r.body.attributes.find((a) => a.name === ATTR);
  shiftLines(r, 1);
  shiftQuotedRanges(r.diagnostics, filename, (line, col) => [line - 1, col]);
  if (attr?.expr.kind !== 'Template') {
    return parseExpression(JSON.stringify(text), filename);
  }
  const expr: TemplateExpr = attr.expr;
  if (!text.endsWith('\n')) stripFinalNewline(expr);
  return { expr, diagnostics: r.diagnostics };
}

function stripFinalNewline(expr: TemplateExpr): void {
  const last = expr.parts[expr.parts.length - 1];
  if (last?.kind === 'TemplateLiteral' && last.value.endsWith('\n')) last.value = last.value.slice(0, -1);
}

type Pos = { line: number; column: number; byte: number };

function visitRanges(node: unknown, f: (p: Pos) => void, seen = new Set<object>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const o = node as Record<string, unknown>;
  if (typeof o.filename === 'string' && o.start && o.end) {
    f(o.start as Pos);
    if (o.end !== o.start) f(o.end as Pos);
    return;
  }
  for (const v of Object.values(o)) visitRanges(v, f, seen);
}

function shiftFirstLine(tree: unknown, cols: number, bytes: number): void {
  const seen = new Set<Pos>();
  visitRanges(tree, (p) => {
    if (seen.has(p)) return;
    seen.add(p);
    if (p.line === 1) p.column = Math.max(1, p.column - cols);
    p.byte = Math.max(0, p.byte - bytes);
  });
}

function shiftLines(tree: unknown, lines: number): void {
  const seen = new Set<Pos>();
  visitRanges(tree, (p) => {
    if (seen.has(p)) return;
    seen.add(p);
    p.line = Math.max(1, p.line - lines);
  });
}

/**
 * Some HCL details quote a range ("The if directive at f:1,2-12 ..."): move
 * those positions as the diagnostics' own ranges were moved.
 */
function shiftQuotedRanges(
  diags: TemplateDiagnostic[],
  filename: string,
  move: (line: number, col: number) => [number, number],
): void {
  const esc = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(${esc}):(\\d+),(\\d+)-(?:(\\d+),)?(\\d+)`, 'g');
  for (const d of diags) {
    if (!d.detail) continue;
    d.detail = d.detail.replace(
      re,
      (_m, f: string, l1: string, c1: string, l2: string | undefined, c2: string) => {
        const [sl, sc] = move(Number(l1), Number(c1));
        const [el, ec] = move(l2 === undefined ? Number(l1) : Number(l2), Number(c2));
        return `${f}:${sl},${sc}-${el === sl ? '' : `${el},`}${ec}`;
      },
    );
  }
}
