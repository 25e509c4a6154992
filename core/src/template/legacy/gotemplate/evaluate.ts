import type { Command, GoTemplateNode, Operand } from './ast.js';
import { GoTemplateSyntaxError, hasActions, parseGoTemplate } from './parse.js';

/** A template function; throw an Error to report a problem with the call. */
export type GoTemplateFunc = (...args: unknown[]) => unknown;

/** What a template is rendered with. */
export interface GoTemplateContext {
  funcs: Readonly<Record<string, GoTemplateFunc>>;
  /** `.Name`-style data. Absent: every field reference is kept for a later pass. */
  fields?: Readonly<Record<string, unknown>>;
  /** Function names whose actions are kept verbatim for a later pass (e.g. "build"). */
  deferred?: ReadonlySet<string>;
}

/** A problem rendering a template; `offset` is relative to the template string. */
export class GoTemplateError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'GoTemplateError';
    this.offset = offset;
  }
}

class Deferred {}
const DEFER = new Deferred();

/**
 * Renders a template string. Actions that need data not available yet (fields
 * when `fields` is absent, deferred functions) are kept as written, so a later
 * pass with {@link renderGoTemplate} and real fields can finish the job.
 * Throws {@link GoTemplateError}.
 */
export function renderGoTemplate(text: string, ctx: GoTemplateContext): string {
  if (!hasActions(text)) return text;
  let nodes: GoTemplateNode[];
  try {
    nodes = parseGoTemplate(text);
  } catch (e) {
    if (e instanceof GoTemplateSyntaxError) throw new GoTemplateError(e.message, e.offset);
    throw e;
  }
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') {
      out += n.text;
      continue;
    }
    try {
      out += stringify(pipeline(n.pipeline, ctx));
    } catch (e) {
      if (e === DEFER) out += n.source;
      else throw e;
    }
  }
  return out;
}

function pipeline(cmds: Command[], ctx: GoTemplateContext): unknown {
  let piped: unknown[] = [];
  for (const c of cmds) piped = [command(c, piped, ctx)];
  return piped[0];
}

function command(c: Command, piped: unknown[], ctx: GoTemplateContext): unknown {
  const [head, ...rest] = c.args;
  if (!head) throw new GoTemplateError('empty command', c.offset);
  if (head.kind !== 'ident') {
    if (rest.length > 0 || piped.length > 0)
      throw new GoTemplateError("can't give argument to non-function", head.offset);
    return operand(head, ctx);
  }
  if (ctx.deferred?.has(head.name)) throw DEFER;
  const fn = ctx.funcs[head.name];
  if (!fn) throw new GoTemplateError(`function "${head.name}" not defined`, head.offset);
  const args = [...rest.map((a) => operand(a, ctx)), ...piped];
  try {
    return fn(...args);
  } catch (e) {
    if (e === DEFER || e instanceof GoTemplateError) throw e;
    throw new GoTemplateError(`error calling ${head.name}: ${(e as Error).message}`, head.offset);
  }
}

function operand(o: Operand, ctx: GoTemplateContext): unknown {
  switch (o.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return o.value;
    case 'paren':
      return pipeline(o.pipeline, ctx);
    case 'ident': {
      if (ctx.deferred?.has(o.name)) throw DEFER;
      const fn = ctx.funcs[o.name];
      if (!fn) throw new GoTemplateError(`function "${o.name}" not defined`, o.offset);
      return fn();
    }
    case 'field': {
      if (!ctx.fields) throw DEFER;
      let v: unknown = ctx.fields;
      for (const p of o.path) {
        if (v === null || typeof v !== 'object' || !(p in v))
          throw new GoTemplateError(`can't evaluate field ${p}`, o.offset);
        v = (v as Record<string, unknown>)[p];
      }
      return v;
    }
  }
}

function stringify(v: unknown): string {
  if (v === undefined || v === null) return '<no value>';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    if (Array.isArray(v)) return `[${v.map(stringify).join(' ')}]`;
    return `map[${Object.entries(v)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${k}:${stringify(x)}`)
      .join(' ')}]`;
  }
  return String(v);
}

/**
 * The second pass over a string the loader left partly unrendered: fills
 * `.Field` references (e.g. `.HTTPIP`, `.Path`, `.Vars`) from `fields`, with
 * optional extra functions. Throws {@link GoTemplateError}.
 */
export function renderTemplateFields(
  text: string,
  fields: Readonly<Record<string, unknown>>,
  funcs: Readonly<Record<string, GoTemplateFunc>> = {},
): string {
  return renderGoTemplate(text, { funcs, fields });
}
