import type { CstNode } from '../syntax/cst.js';
import { TEMPLATE_SEQUENCE_NODES } from '../syntax/template-nodes.js';

/** Token kinds the formatter tells apart (modelled on HCL's scanner tokens). */
export type FmtTokenType =
  | 'Ident'
  | 'Number'
  | 'Newline'
  | 'Comment'
  | 'OBrace'
  | 'CBrace'
  | 'OBrack'
  | 'CBrack'
  | 'OParen'
  | 'CParen'
  | 'TemplateInterp'
  | 'TemplateControl'
  | 'TemplateSeqEnd'
  | 'OQuote'
  | 'CQuote'
  | 'QuotedLit'
  | 'OHeredoc'
  | 'CHeredoc'
  | 'StringLit'
  | 'Equal'
  | 'Colon'
  | 'Comma'
  | 'Dot'
  | 'Star'
  | 'Minus'
  | 'Bang'
  | 'Question'
  | 'Ellipsis'
  | 'FatArrow'
  | 'ArithOp'
  | 'CompareOp'
  | 'LogicOp'
  | 'EOF'
  | 'Other';

/** One token: its exact source text and the spaces the formatter puts before it. */
export interface FmtToken {
  type: FmtTokenType;
  text: string;
  spacesBefore: number;
}

const PUNCT: Record<string, FmtTokenType> = {
  '{': 'OBrace',
  '}': 'CBrace',
  '[': 'OBrack',
  ']': 'CBrack',
  '(': 'OParen',
  ')': 'CParen',
  '=': 'Equal',
  ':': 'Colon',
  ',': 'Comma',
  '.': 'Dot',
  '*': 'ArithOp',
  '/': 'ArithOp',
  '%': 'ArithOp',
  '+': 'ArithOp',
  '-': 'Minus',
  '!': 'Bang',
  '?': 'Question',
  '=>': 'FatArrow',
  '...': 'Ellipsis',
  '==': 'CompareOp',
  '!=': 'CompareOp',
  '<': 'CompareOp',
  '<=': 'CompareOp',
  '>': 'CompareOp',
  '>=': 'CompareOp',
  '&&': 'LogicOp',
  '||': 'LogicOp',
};

const TEMPLATE_PART_CONTAINERS = new Set(['template_directive', 'template_if', 'template_for']);

/**
 * Flattens a parsed (error-free) file into formatter tokens. Template
 * literal text, heredoc bodies and comments are kept byte for byte; only
 * the whitespace between tokens is left for the formatter to decide.
 */
export function tokenize(text: string, root: CstNode): FmtToken[] {
  const out: FmtToken[] = [];
  let pos = 0;
  const newlines = (gap: string) => {
    for (let i = gap.indexOf('\n'); i >= 0; i = gap.indexOf('\n', i + 1)) {
      out.push({ type: 'Newline', text: gap[i - 1] === '\r' ? '\r\n' : '\n', spacesBefore: 0 });
    }
  };
  const push = (type: FmtTokenType, start: number, end: number) => {
    newlines(text.slice(pos, start));
    out.push({ type, text: text.slice(start, end), spacesBefore: 0 });
    pos = end;
  };
  const literal = (type: 'QuotedLit' | 'StringLit', end: number) => {
    if (end > pos) out.push({ type, text: text.slice(pos, end), spacesBefore: 0 });
    pos = Math.max(pos, end);
  };

  const templateParts = (kids: CstNode[], litType: 'QuotedLit' | 'StringLit') => {
    for (const k of kids) {
      if (k.type === 'template_literal' || k.type === 'comment') continue;
      literal(litType, k.start);
      if (TEMPLATE_PART_CONTAINERS.has(k.type)) templateParts(k.children, litType);
      else if (TEMPLATE_SEQUENCE_NODES.has(k.type)) sequence(k);
      else visit(k);
    }
  };

  const sequence = (node: CstNode) => {
    const kids = node.children;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.type === 'template_interpolation_start' || k.type === 'template_directive_start') {
        const strip = kids[i + 1]?.type === 'strip_marker' ? kids[++i] : undefined;
        push(
          k.type === 'template_interpolation_start' ? 'TemplateInterp' : 'TemplateControl',
          k.start,
          (strip ?? k).end,
        );
      } else if (k.type === 'strip_marker') {
        const end = kids[i + 1];
        push('TemplateSeqEnd', k.start, end ? end.end : k.end);
        i++;
      } else if (k.type === 'template_interpolation_end' || k.type === 'template_directive_end') {
        push('TemplateSeqEnd', k.start, k.end);
      } else visit(k);
    }
  };

  const visit = (node: CstNode): void => {
    switch (node.type) {
      case 'string_lit':
      case 'quoted_template': {
        const kids = node.children;
        push('OQuote', kids[0].start, kids[0].end);
        const close = kids[kids.length - 1];
        templateParts(kids.slice(1, -1), 'QuotedLit');
        literal('QuotedLit', close.start);
        push('CQuote', close.start, close.end);
        return;
      }
      case 'heredoc_template': {
        const kids = node.children;
        const opener = kids[1];
        const close = kids[kids.length - 1];
        push('OHeredoc', kids[0].start, opener.end);
        templateParts(kids.slice(2, -1), 'StringLit');
        literal('StringLit', close.start);
        push('CHeredoc', close.start, close.end);
        return;
      }
      case 'comment':
        push('Comment', node.start, node.end);
        return;
      case 'attr_splat':
      case 'full_splat': {
        const first = node.children[0];
        const src = text.slice(first.start, first.end);
        if (src === '.*') {
          push('Dot', first.start, first.start + 1);
          push('Star', first.start + 1, first.end);
        } else {
          push('OBrack', first.start, first.start + 1);
          push('Star', first.start + 1, first.end - 1);
          push('CBrack', first.end - 1, first.end);
        }
        for (const k of node.children.slice(1)) visit(k);
        return;
      }
      case 'legacy_index': {
        const dot = node.children[0];
        push('Dot', dot.start, dot.end);
        if (node.end > dot.end) push('Number', dot.end, node.end);
        return;
      }
    }
    if (node.children.length === 0) {
      if (node.end === node.start) return;
      const src = text.slice(node.start, node.end);
      const type =
        node.type === 'identifier' || /^[A-Za-z_]/.test(src)
          ? 'Ident'
          : node.type === 'numeric_lit'
            ? 'Number'
            : (PUNCT[src] ?? 'Other');
      push(type, node.start, node.end);
      return;
    }
    for (const k of node.children) visit(k);
  };

  visit(root);
  const tail = text.slice(pos);
  newlines(tail);
  // As in hclwrite, the blanks between the last token and the end of the
  // file belong to no line: they are kept, each byte as one space.
  const blanks = tail.slice(tail.lastIndexOf('\n') + 1);
  out.push({ type: 'EOF', text: '', spacesBefore: Buffer.byteLength(blanks) });
  return out;
}
