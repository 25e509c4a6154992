import type { VariableInfo } from '../../../config/model.js';
import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import type { FunctionTable } from '../../functions/spec.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import { ConversionError, convert } from '../eval/convert.js';
import { evaluateInto } from '../eval/evaluate.js';
import { toJs } from '../eval/js.js';
import { makeScope } from '../eval/scope.js';
import { T, type Type, typeString } from '../eval/types.js';
import { Value } from '../eval/value.js';
import { containsSensitive } from '../eval/value-marks.js';
import type { Attribute, Block, Expression } from '../syntax/ast.js';
import { parseHcl } from '../syntax/parse.js';
import { registerStrings } from './body-eval.js';
import type { ParsedFile } from './files.js';
import { typeFromExpr } from './type-expr.js';

/** A declared input variable. */
export interface VariableDecl {
  name: string;
  type: Type;
  typeText?: string;
  description?: string;
  sensitive: boolean;
  nullable: boolean;
  default?: Expression;
  validations: Block[];
  range: SourceRange;
}

/** One value assignment, from wherever it came. */
export interface Assignment {
  name: string;
  /** Either an expression (files, defaults) or raw text (-var, PKR_VAR_). */
  expr?: Expression;
  text?: string;
  /** For messages: "-var", "PKR_VAR_x", or a file name. */
  origin: string;
  range?: SourceRange;
  fromCommandLine: boolean;
}

const PLAIN = new Set(['type', 'default', 'description', 'sensitive', 'nullable']);

/** Reads `variable` and `variables` blocks. */
export function declareVariables(
  blocks: Block[],
  functions: FunctionTable,
  diags: TemplateDiagnostic[],
): Map<string, VariableDecl> {
  const out = new Map<string, VariableDecl>();
  const plainScope = makeScope({}, functions);
  const add = (d: VariableDecl) => {
    const prev = out.get(d.name);
    if (prev) {
      diags.push({
        severity: 'error',
        summary: 'Duplicate variable',
        detail: `A variable named "${d.name}" was already declared at ${prev.range.filename}:${prev.range.start.line}:${prev.range.start.column}. Variable names must be unique within a configuration.`,
        range: d.range,
      });
      return;
    }
    out.set(d.name, d);
  };
  for (const b of blocks) {
    if (b.type === 'variables') {
      for (const a of b.body.attributes)
        add({
          name: a.name,
          type: T.dynamic,
          sensitive: false,
          nullable: true,
          default: a.expr,
          validations: [],
          range: a.nameRange,
        });
      continue;
    }
    const name = b.labels[0]?.value ?? '';
    const attr = (n: string) => b.body.attributes.find((a) => a.name === n);
    const typeAttr = attr('type');
    const bool = (n: string, dflt: boolean) => {
      const a = attr(n);
      if (!a) return dflt;
      const v = evaluateInto(a.expr, plainScope, diags);
      return v.isKnown && v.type.kind === 'bool' ? v.bool : dflt;
    };
    const desc = attr('description');
    const dv = desc ? evaluateInto(desc.expr, plainScope, diags) : undefined;
    for (const a of b.body.attributes) {
      if (!PLAIN.has(a.name))
        diags.push({
          severity: 'error',
          summary: 'Unsupported argument',
          detail: `An argument named "${a.name}" is not expected in a variable block.`,
          range: a.nameRange,
        });
    }
    add({
      name,
      type: typeAttr ? typeFromExpr(typeAttr.expr, diags) : T.dynamic,
      ...(typeAttr ? { typeText: textOf(typeAttr) } : {}),
      ...(dv?.isKnown && dv.type.kind === 'string' ? { description: dv.str } : {}),
      sensitive: bool('sensitive', false),
      nullable: bool('nullable', true),
      ...(attr('default') ? { default: attr('default')!.expr } : {}),
      validations: b.body.blocks.filter((x) => x.type === 'validation'),
      range: b.labels[0]?.range ?? b.typeRange,
    });
  }
  return out;
}

function textOf(a: Attribute): string {
  const r = a.expr.range;
  return r.start.line === r.end.line ? `${r.filename}:${r.start.byte}:${r.end.byte}` : '';
}

/**
 * The value of every declared variable, applying assignments in order (later
 * wins), converting to the declared type and running validations.
 */
export function resolveVariables(
  decls: Map<string, VariableDecl>,
  assignments: Assignment[],
  functions: FunctionTable,
  sensitive: SensitiveValues,
  syntaxOnly: boolean,
  diags: TemplateDiagnostic[],
): Map<string, Value> {
  const scope = makeScope({}, functions);
  const chosen = new Map<string, Assignment>();
  for (const a of assignments) {
    if (decls.has(a.name)) chosen.set(a.name, a);
    else if (a.fromCommandLine)
      diags.push({
        severity: 'error',
        summary: 'Value for undeclared variable',
        detail: `A variable named "${a.name}" was assigned on the command line (${a.origin}), but the root module does not declare a variable of that name. To use this value, add a "variable" block to the configuration.`,
      });
    else if (a.range)
      diags.push({
        severity: 'warning',
        summary: 'Undefined variable',
        detail: `A "${a.name}" variable was set in ${a.origin} but was not declared. To declare variable "${a.name}", place a variable block in one of your .pkr.hcl files.`,
        range: a.range,
      });
  }
  const values = new Map<string, Value>();
  for (const d of decls.values()) {
    const a = chosen.get(d.name);
    let v: Value;
    const local: TemplateDiagnostic[] = [];
    if (a?.expr) v = evaluateInto(a.expr, scope, local);
    else if (a?.text !== undefined) v = parseRaw(a.text, d.type, scope, local);
    else if (d.default) v = evaluateInto(d.default, scope, local);
    else {
      if (!syntaxOnly)
        diags.push({
          severity: 'error',
          summary: `Unset variable "${d.name}"`,
          detail: `A used variable must be set or have a default value. Set it with -var ${d.name}=..., a -var-file, or the PKR_VAR_${d.name} environment variable.`,
          range: d.range,
        });
      values.set(d.name, Value.unknown(d.type));
      continue;
    }
    if (!syntaxOnly || a) diags.push(...local);
    try {
      v = convert(v, d.type);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      diags.push({
        severity: 'error',
        summary: 'Invalid value for variable',
        detail: `The value for variable "${d.name}" ${a ? `from ${a.origin} ` : ''}is not compatible with its type constraint ${typeString(d.type)}: ${e.detail.replace(/\.$/, '')}.`,
        range: a?.expr?.range ?? a?.range ?? d.default?.range ?? d.range,
      });
      v = Value.unknown(d.type);
    }
    if (v.isNull && !d.nullable && !syntaxOnly)
      diags.push({
        severity: 'error',
        summary: 'Invalid value for variable',
        detail: `The variable "${d.name}" must not be null.`,
        range: d.range,
      });
    if (d.sensitive) v = v.mark(true);
    if (d.sensitive || containsSensitive(v))
      registerStrings(toJs(v, { unknownAs: () => undefined }), sensitive);
    values.set(d.name, v);
    if (!syntaxOnly) validate(d, v, functions, diags);
  }
  return values;
}

function parseRaw(
  text: string,
  type: Type,
  scope: ReturnType<typeof makeScope>,
  diags: TemplateDiagnostic[],
): Value {
  if (type.kind === 'string' || type.kind === 'dynamic' || type.kind === 'number' || type.kind === 'bool')
    return Value.string(text);
  const r = parseHcl(`v = ${text}\n`, '<value for variable>');
  const expr = r.body.attributes[0]?.expr;
  if (r.diagnostics.length || !expr) return Value.string(text);
  return evaluateInto(expr, scope, diags);
}

function validate(d: VariableDecl, v: Value, functions: FunctionTable, diags: TemplateDiagnostic[]): void {
  const scope = makeScope({ var: Value.object({ [d.name]: v }) }, functions);
  for (const b of d.validations) {
    const cond = b.body.attributes.find((a) => a.name === 'condition');
    const msg = b.body.attributes.find((a) => a.name === 'error_message');
    if (!cond) continue;
    const c = evaluateInto(cond.expr, scope, diags);
    if (!c.isKnown || c.isNull || c.type.kind !== 'bool' || c.bool) continue;
    const m = msg ? evaluateInto(msg.expr, scope, []) : undefined;
    diags.push({
      severity: 'error',
      summary: 'Invalid value for variable',
      detail: `${m?.isKnown && m.type.kind === 'string' ? m.str : 'The value failed validation.'}\n\nThis was checked by the validation rule at ${cond.range.filename}:${cond.range.start.line}:${cond.range.start.column}.`,
      range: cond.expr.range,
    });
  }
}

/** What inspect and validate show for each variable. */
export function variableInfos(decls: Map<string, VariableDecl>, values: Map<string, Value>): VariableInfo[] {
  return [...decls.values()].map((d) => {
    const v = values.get(d.name);
    return {
      name: d.name,
      ...(d.type.kind !== 'dynamic' ? { type: typeString(d.type) } : {}),
      ...(d.description ? { description: d.description } : {}),
      sensitive: d.sensitive,
      display: d.sensitive ? '<sensitive>' : display(v),
      range: d.range,
    };
  });
}

/** Assignments from a parsed var file (its top-level attributes). */
export function fileAssignments(
  f: ParsedFile,
  fromCommandLine: boolean,
  diags: TemplateDiagnostic[],
): Assignment[] {
  for (const b of f.body.blocks)
    diags.push({
      severity: 'error',
      summary: 'Unexpected block',
      detail: 'A variable definitions file may only contain attributes (name = value).',
      range: b.typeRange,
    });
  return f.body.attributes.map((a) => ({
    name: a.name,
    expr: a.expr,
    origin: f.filename,
    range: a.nameRange,
    fromCommandLine,
  }));
}

/** A value as inspect shows it: one line, `<unknown>` when not known yet. */
export function display(v: Value | undefined): string {
  if (!v || !v.isKnown) return '<unknown>';
  return oneLine(toJs(v, { unknownAs: () => '<unknown>' }));
}

/** A value on one line, HCL-like: "s", 1, true, null, ["a", "b"], { k = "v" }. */
function oneLine(js: unknown): string {
  if (js === null || js === undefined) return 'null';
  if (Array.isArray(js)) return `[${js.map(oneLine).join(', ')}]`;
  if (typeof js === 'object') {
    const items = Object.entries(js).map(
      ([k, x]) => `${/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k)} = ${oneLine(x)}`,
    );
    return items.length ? `{ ${items.join(', ')} }` : '{}';
  }
  return typeof js === 'string' ? JSON.stringify(js) : String(js);
}
