import type { FmtToken, FmtTokenType } from './tokens.js';

/** One source line split into cells whose starts are aligned with neighbouring lines. */
interface Line {
  lead: FmtToken[];
  /** From the `=` of a one-line attribute to the end of its value. */
  assign: FmtToken[] | null;
  /** A trailing comment. */
  comment: FmtToken[] | null;
  newline: FmtToken | null;
}

const NIL: FmtToken = { type: 'Other', text: '', spacesBefore: 0 };

function bracketChange(t: FmtToken): number {
  switch (t.type) {
    case 'OBrace':
    case 'OBrack':
    case 'OParen':
    case 'TemplateInterp':
    case 'TemplateControl':
      return 1;
    case 'CBrace':
    case 'CBrack':
    case 'CParen':
    case 'TemplateSeqEnd':
      return -1;
    default:
      return 0;
  }
}

// Made on first use: setting up ICU's segmenter costs milliseconds, and
// every command loads this module.
let graphemes: Intl.Segmenter | undefined;

/** Columns of a text as hclwrite counts them: grapheme clusters. */
function columns(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
  if (/^[\x00-\x7f]*$/.test(text)) return text.length;
  graphemes ??= new Intl.Segmenter();
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

const width = (cell: FmtToken[] | null) =>
  (cell ?? []).reduce((n, t) => n + t.spacesBefore + columns(t.text), 0);

/**
 * Decides the spaces before every token, the way `packer fmt` does:
 * indentation from bracket nesting (two spaces a level), canonical spacing
 * between tokens, and `=` and trailing comments aligned across runs of
 * consecutive one-line attributes.
 */
export function layout(tokens: FmtToken[]): string {
  const lines = splitLines(tokens);
  indent(lines);
  for (const l of lines) {
    space(l.lead);
    if (l.assign) {
      space(l.assign);
      l.assign[0].spacesBefore = 1;
    }
  }
  align(
    lines,
    (l) => l.assign,
    (l) => width(l.lead),
  );
  align(
    lines,
    (l) => l.comment,
    (l) => width(l.lead) + width(l.assign),
  );
  let out = '';
  for (const l of lines) {
    for (const t of [...l.lead, ...(l.assign ?? []), ...(l.comment ?? [])])
      out += ' '.repeat(t.spacesBefore) + t.text;
    if (l.newline) out += l.newline.text;
  }
  const eof = tokens[tokens.length - 1];
  return eof?.type === 'EOF' ? out + ' '.repeat(eof.spacesBefore) : out;
}

function splitLines(tokens: FmtToken[]): Line[] {
  const lines: Line[] = [];
  let cur: FmtToken[] = [];
  const finish = (newline: FmtToken | null) => {
    const line: Line = { lead: cur, assign: null, comment: null, newline };
    // Only line comments (# and //, which end their line) form a comment
    // cell; a /* */ comment at the end of a line stays where it is, as in hclwrite.
    const last = cur[cur.length - 1];
    if (cur.length > 1 && last?.type === 'Comment' && !last.text.startsWith('/*')) {
      line.comment = cur.slice(-1);
      line.lead = cur.slice(0, -1);
    }
    const eq = line.lead.findIndex((t, i) => i > 0 && t.type === 'Equal');
    if (eq > 0 && line.lead.slice(eq).reduce((n, t) => n + bracketChange(t), 0) === 0) {
      line.assign = line.lead.slice(eq);
      line.lead = line.lead.slice(0, eq);
    }
    lines.push(line);
    cur = [];
  };
  for (const t of tokens) {
    if (t.type === 'EOF') break;
    if (t.type === 'Newline') finish(t);
    else cur.push(t);
  }
  if (cur.length > 0) finish(null);
  return lines;
}

function indent(lines: Line[]): void {
  const stack: number[] = [];
  for (const l of lines) {
    if (l.lead.length === 0) continue;
    // As hclwrite does, brackets after a heredoc's opener in the lead cell
    // (interpolations inside its text) do not count.
    let net = 0;
    for (const t of l.lead) {
      net += bracketChange(t);
      if (t.type === 'OHeredoc') break;
    }
    for (const t of l.assign ?? []) net += bracketChange(t);
    if (net > 0) {
      l.lead[0].spacesBefore = 2 * stack.length;
      stack.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && stack.length > 0) {
      const top = stack[stack.length - 1];
      if (closed >= top) {
        closed -= top;
        stack.pop();
      } else {
        stack[stack.length - 1] = top - closed;
        closed = 0;
      }
    }
    l.lead[0].spacesBefore = 2 * stack.length;
  }
}

function space(cell: FmtToken[]): void {
  for (let i = 0; i < cell.length - 1; i++) {
    cell[i + 1].spacesBefore = spaceAfter(cell[i], i > 0 ? cell[i - 1] : NIL, cell[i + 1]) ? 1 : 0;
  }
}

function align(lines: Line[], cell: (l: Line) => FmtToken[] | null, before: (l: Line) => number): void {
  let start = -1;
  let max = 0;
  const close = (end: number) => {
    for (const l of lines.slice(start, end)) {
      const c = cell(l);
      if (c) c[0].spacesBefore = max - before(l) + 1;
    }
    start = -1;
    max = 0;
  };
  lines.forEach((l, i) => {
    if (!cell(l)) {
      if (start >= 0) close(i);
      return;
    }
    if (start < 0) start = i;
    max = Math.max(max, before(l));
  });
  if (start >= 0) close(lines.length);
}

const NEGATION_CONTEXT = new Set<FmtTokenType>([
  'OParen',
  'OBrace',
  'OBrack',
  'Equal',
  'Colon',
  'Comma',
  'Question',
  'ArithOp',
  'Minus',
  'CompareOp',
  'LogicOp',
  'Bang',
]);

function spaceAfter(subject: FmtToken, before: FmtToken, after: FmtToken): boolean {
  const s = subject.type;
  const a = after.type;
  if (a === 'Newline') return false;
  if (s === 'Ident' && a === 'OParen') return false;
  if (s === 'Dot' || a === 'Dot') return false;
  if (a === 'Comma' || a === 'Ellipsis') return false;
  if (s === 'Comma') return true;
  if (s === 'QuotedLit' || s === 'StringLit' || s === 'OQuote' || s === 'OHeredoc') return false;
  if (a === 'QuotedLit' || a === 'StringLit' || a === 'CQuote' || a === 'CHeredoc') return false;
  if (s === 'Ident' && subject.text === 'in' && before.type === 'Ident') return true;
  if (a === 'OBrack' && (s === 'Ident' || s === 'Number' || bracketChange(subject) < 0)) return false;
  if (s === 'Star' && before.type === 'Dot') return false;
  if (s === 'Star' && before.type === 'OBrack') return false;
  if (s === 'Minus') return !(before === NIL || NEGATION_CONTEXT.has(before.type));
  if (s === 'Bang') return false;
  if (s === 'OBrace' || a === 'CBrace') return !(s === 'OBrace' && a === 'CBrace');
  if ((s === 'TemplateInterp' || s === 'TemplateControl') && a === 'OBrace') return true;
  if (s === 'CBrace' && a === 'TemplateSeqEnd') return true;
  if (s === 'TemplateSeqEnd' && a === 'TemplateInterp') return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}
