import type { ActionNode, Command, GoTemplateNode, GoTemplateProblem, Operand } from './ast.js';

/** Thrown by {@link parseGoTemplate} on malformed actions. */
export class GoTemplateSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'GoTemplateSyntaxError';
    this.offset = offset;
  }
}

/** True when the string contains an action at all (the fast path for plain strings). */
export function hasActions(text: string): boolean {
  return text.includes('{{');
}

/**
 * Splits a string into text and `{{ }}` actions, applying `{{-` / `-}}`
 * whitespace trimming. Throws {@link GoTemplateSyntaxError} with the offset.
 */
export function parseGoTemplate(text: string): GoTemplateNode[] {
  const nodes: GoTemplateNode[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos <= text.length) {
    const open = text.indexOf('{{', pos);
    let chunk = open < 0 ? text.slice(pos) : text.slice(pos, open);
    if (trimNext) chunk = chunk.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      if (chunk) nodes.push({ kind: 'text', text: chunk });
      break;
    }
    const trimLeft = /^\{\{- /.test(text.slice(open, open + 4));
    if (trimLeft) chunk = chunk.replace(/\s+$/, '');
    if (chunk) nodes.push({ kind: 'text', text: chunk });
    const close = findClose(text, open + 2);
    if (close < 0) throw new GoTemplateSyntaxError('unclosed action: missing "}}"', open);
    const trimRight = close >= 2 && / -$/.test(text.slice(close - 2, close));
    const inner = text.slice(open + (trimLeft ? 3 : 2), trimRight ? close - 2 : close);
    const innerOffset = open + (trimLeft ? 3 : 2);
    const action: ActionNode = {
      kind: 'action',
      pipeline: parsePipeline(new Lexer(inner, innerOffset), true),
      source: text.slice(open, close + 2),
      offset: open,
    };
    nodes.push(action);
    trimNext = trimRight;
    pos = close + 2;
  }
  return nodes;
}

function findClose(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      i = text.indexOf('`', i + 1);
      if (i < 0) return -1;
    } else if (c === '}' && text[i + 1] === '}') {
      return i;
    }
    i++;
  }
  return -1;
}

type Token =
  | { t: 'ident' | 'field' | 'string' | 'number'; v: string; offset: number }
  | { t: '|' | '(' | ')' | 'eof'; v: string; offset: number };

class Lexer {
  private pos = 0;
  private peeked: Token | undefined;
  constructor(
    private readonly src: string,
    private readonly base: number,
  ) {}

  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private scan(): Token {
    const s = this.src;
    while (this.pos < s.length && /\s/.test(s[this.pos]!)) this.pos++;
    const offset = this.base + this.pos;
    if (this.pos >= s.length) return { t: 'eof', v: '', offset };
    const c = s[this.pos]!;
    if (c === '|' || c === '(' || c === ')') {
      this.pos++;
      return { t: c, v: c, offset };
    }
    if (c === '"') {
      let i = this.pos + 1;
      let v = '';
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\') {
          const e = s[i + 1];
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : (e ?? '');
          i += 2;
        } else v += s[i++];
      }
      if (i >= s.length) throw new GoTemplateSyntaxError('unterminated quoted string', offset);
      this.pos = i + 1;
      return { t: 'string', v, offset };
    }
    if (c === '`') {
      const end = s.indexOf('`', this.pos + 1);
      if (end < 0) throw new GoTemplateSyntaxError('unterminated raw quoted string', offset);
      const v = s.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { t: 'string', v, offset };
    }
    const m = /^(\.[A-Za-z0-9_.]*|-?[0-9][0-9.]*|[A-Za-z_$][A-Za-z0-9_]*)/.exec(s.slice(this.pos));
    if (!m) throw new GoTemplateSyntaxError(`unexpected "${c}" in action`, offset);
    this.pos += m[0].length;
    const v = m[0];
    return { t: v.startsWith('.') ? 'field' : /^-?[0-9]/.test(v) ? 'number' : 'ident', v, offset };
  }
}

function parsePipeline(lx: Lexer, top: boolean): Command[] {
  const cmds: Command[] = [];
  for (;;) {
    const start = lx.peek();
    const args: Operand[] = [];
    for (;;) {
      const t = lx.peek();
      if (t.t === 'eof' || t.t === '|' || t.t === ')') break;
      lx.next();
      args.push(operand(t, lx));
    }
    if (args.length === 0) {
      const problem: GoTemplateProblem = {
        message: top ? 'missing value for command' : 'empty pipeline',
        offset: start.offset,
      };
      throw new GoTemplateSyntaxError(problem.message, problem.offset);
    }
    cmds.push({ args, offset: start.offset });
    const t = lx.peek();
    if (t.t === '|') {
      lx.next();
      continue;
    }
    if (t.t === ')' && top) throw new GoTemplateSyntaxError('unexpected ")" in action', t.offset);
    return cmds;
  }
}

function operand(t: Token, lx: Lexer): Operand {
  switch (t.t) {
    case 'string':
      return { kind: 'string', value: t.v, offset: t.offset };
    case 'number':
      return { kind: 'number', value: Number(t.v), offset: t.offset };
    case 'field':
      return { kind: 'field', path: t.v.split('.').filter(Boolean), offset: t.offset };
    case 'ident':
      if (t.v === 'true' || t.v === 'false') return { kind: 'bool', value: t.v === 'true', offset: t.offset };
      if (['if', 'range', 'with', 'end', 'else', 'define', 'template', 'block'].includes(t.v))
        throw new GoTemplateSyntaxError(`"${t.v}" actions are not supported in Kiln templates`, t.offset);
      return { kind: 'ident', name: t.v, offset: t.offset };
    case '(': {
      const pipeline = parsePipeline(lx, false);
      const close = lx.next();
      if (close.t !== ')') throw new GoTemplateSyntaxError('unclosed left paren', t.offset);
      return { kind: 'paren', pipeline, offset: t.offset };
    }
    default:
      throw new GoTemplateSyntaxError(`unexpected "${t.v}" in action`, t.offset);
  }
}
