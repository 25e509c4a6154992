import type { Command, Operand } from '../legacy/gotemplate/ast.js';
import { legacyFunctions } from '../legacy/gotemplate/functions.js';
import { parseGoTemplate } from '../legacy/gotemplate/parse.js';
import { goLayoutToFormatdate } from './go-layout-to-formatdate.js';
import { escapeTemplateText, hclString, IDENTIFIER } from './hcl-text.js';

/** Where a string is: what its Go-template calls may turn into. */
export type Place = 'variable' | 'local' | 'source' | 'build';

/** What translating strings needs to know and records. */
export interface TranslateContext {
  place: Place;
  /** Legacy variables that became HCL2 locals (so `{{user}}` of them is `local.NAME`). */
  locals: ReadonlySet<string>;
  /** The name of the local holding Packer's `{{timestamp}}` value. */
  timestampLocal: string;
  /** Set when `{{timestamp}}` was used (the local must be written). */
  usedTimestamp: boolean;
  /** Called for each action kept as written because it has no HCL2 translation. */
  unhandled(action: string, why: string): void;
}

/** A piece of a translated string: literal text or an HCL2 expression. */
type Piece = { text: string } | { expr: string };

class Unhandled extends Error {}
/** Plugin-time data (`{{ .HTTPIP }}`): kept as written without a warning. */
class PluginTime extends Error {}

/**
 * A legacy JSON template string as an HCL2 expression: a quoted string when
 * it has no actions, the bare expression when it is one action
 * (`{{user \`x\`}}` -> `var.x`), a string template otherwise. Actions
 * without an HCL2 equivalent (`{{ .HTTPIP }}`, unknown functions) stay in
 * the string as written, for the plugin to interpolate.
 */
export function translateString(text: string, ctx: TranslateContext): string {
  let nodes: ReturnType<typeof parseGoTemplate>;
  try {
    nodes = parseGoTemplate(text);
  } catch (e) {
    ctx.unhandled(text, (e as Error).message);
    return hclString(text);
  }
  const pieces: Piece[] = [];
  for (const n of nodes) {
    if (n.kind === 'text') {
      pieces.push({ text: n.text });
      continue;
    }
    try {
      pieces.push(pipeline(n.pipeline, ctx));
    } catch (e) {
      if (e instanceof Unhandled) ctx.unhandled(n.source, e.message);
      else if (!(e instanceof PluginTime)) throw e;
      pieces.push({ text: n.source });
    }
  }
  if (pieces.length === 1 && 'expr' in pieces[0]!) return pieces[0].expr;
  return `"${pieces.map((p) => ('expr' in p ? `\${${p.expr}}` : escapeTemplateText(p.text))).join('')}"`;
}

/** Whether a string uses Go-template calls other than `env` (so a variable must become a local). */
export function needsLocal(text: string): boolean {
  let nodes: ReturnType<typeof parseGoTemplate>;
  try {
    nodes = parseGoTemplate(text);
  } catch {
    return false;
  }
  const onlyEnv = (cmds: Command[]): boolean =>
    cmds.every((c) =>
      c.args.every((a, i) =>
        a.kind === 'ident'
          ? i === 0 && a.name === 'env'
          : a.kind === 'paren'
            ? onlyEnv(a.pipeline)
            : a.kind !== 'field',
      ),
    );
  return nodes.some((n) => n.kind === 'action' && !onlyEnv(n.pipeline));
}

function pipeline(cmds: Command[], ctx: TranslateContext): Piece {
  let piped: Piece | undefined;
  for (const c of cmds) piped = command(c, piped, ctx);
  if (!piped) throw new Unhandled('empty action');
  return piped;
}

function command(c: Command, piped: Piece | undefined, ctx: TranslateContext): Piece {
  const [head, ...rest] = c.args;
  if (!head) throw new Unhandled('empty command');
  if (head.kind !== 'ident') {
    if (rest.length > 0 || piped) throw new Unhandled('arguments given to a value');
    return operand(head, ctx);
  }
  const args = [...rest.map((a) => operand(a, ctx)), ...(piped ? [piped] : [])];
  return call(head.name, args, ctx);
}

function operand(o: Operand, ctx: TranslateContext): Piece {
  switch (o.kind) {
    case 'string':
      return { text: o.value };
    case 'number':
      return { expr: String(o.value) };
    case 'bool':
      return { expr: String(o.value) };
    case 'field':
      throw new PluginTime();
    case 'paren':
      return pipeline(o.pipeline, ctx);
    case 'ident':
      return call(o.name, [], ctx);
  }
}

const expr = (p: Piece): string => ('expr' in p ? p.expr : hclString(p.text));
const literal = (p: Piece | undefined): string | undefined => (p && 'text' in p ? p.text : undefined);

function call(name: string, args: Piece[], ctx: TranslateContext): Piece {
  const e = args.map(expr);
  const arity = (n: number) => {
    if (args.length !== n) throw new Unhandled(`${name} takes ${n} argument${n === 1 ? '' : 's'}`);
  };
  const inBuild = ctx.place === 'source' || ctx.place === 'build';
  switch (name) {
    case 'user': {
      arity(1);
      const v = literal(args[0]);
      if (v === undefined || !IDENTIFIER.test(v))
        throw new Unhandled('the variable name is not a plain name');
      return { expr: `${ctx.locals.has(v) ? 'local' : 'var'}.${v}` };
    }
    case 'env':
      arity(1);
      return { expr: `env(${e[0]})` };
    case 'timestamp':
      arity(0);
      ctx.usedTimestamp = true;
      return { expr: `local.${ctx.timestampLocal}` };
    case 'isotime': {
      if (args.length === 0) return { expr: 'timestamp()' };
      arity(1);
      const layout = literal(args[0]);
      const spec = layout === undefined ? undefined : goLayoutToFormatdate(layout);
      return { expr: spec ? `formatdate(${hclString(spec)}, timestamp())` : `legacy_isotime(${e[0]})` };
    }
    case 'strftime':
      if (args.length === 0) return { expr: 'timestamp()' };
      arity(1);
      return { expr: `legacy_strftime(${e[0]})` };
    case 'uuid':
      arity(0);
      return { expr: 'uuidv4()' };
    case 'build_name':
    case 'build_type':
      arity(0);
      if (!inBuild)
        throw new Unhandled(`${name} is only available in builders, provisioners and post-processors`);
      return { expr: name === 'build_name' ? 'source.name' : 'source.type' };
    case 'build': {
      arity(1);
      const key = literal(args[0]);
      if (ctx.place !== 'build' || key === undefined || !IDENTIFIER.test(key))
        throw new Unhandled('build data is only available in provisioners and post-processors');
      return { expr: `build.${key}` };
    }
    case 'template_dir':
      arity(0);
      return { expr: 'path.root' };
    case 'pwd':
      arity(0);
      return { expr: 'path.cwd' };
    case 'packer_version':
      arity(0);
      return { expr: 'packer.version' };
    case 'upper':
    case 'lower':
      arity(1);
      return { expr: `${name}(${e[0]})` };
    case 'split':
      arity(3);
      return { expr: `split(${e[1]}, ${e[0]})[${e[2]}]` };
    case 'replace': {
      arity(4);
      const n = 'expr' in args[2]! ? Number(args[2].expr) : Number.NaN;
      if (n < 0) return { expr: `replace(${e[3]}, ${e[0]}, ${e[1]})` };
      const lits = [args[0], args[1], args[3]].map(literal);
      if (Number.isInteger(n) && lits.every((l) => l !== undefined))
        return { text: String(pure().replace!(lits[0], lits[1], n, lits[2])) };
      throw new Unhandled('replace with a count has no HCL2 equivalent; use replace() or regex_replace()');
    }
    case 'replace_all':
      arity(3);
      return { expr: `replace(${e[2]}, ${e[0]}, ${e[1]})` };
    case 'clean_resource_name':
      arity(1);
      return { expr: `substr(regex_replace(lower(${e[0]}), "[^-a-z0-9]", "-"), 0, 63)` };
    case 'vault':
      arity(2);
      return { expr: `vault(${e[0]}, ${e[1]})` };
    case 'consul_key':
      arity(1);
      return { expr: `consul_key(${e[0]})` };
    case 'aws_secretsmanager':
      if (args.length === 1) return { expr: `aws_secretsmanager_raw(${e[0]})` };
      arity(2);
      return { expr: `aws_secretsmanager(${e[0]}, ${e[1]})` };
    default:
      throw new Unhandled(`"${name}" has no HCL2 equivalent`);
  }
}

function pure() {
  return legacyFunctions({
    userVars: new Map(),
    templateDir: '',
    pwd: '',
    initTime: new Date(0),
    version: '',
  });
}
