import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import type { FunctionTable } from '../../functions/spec.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import { ConversionError, convert } from '../eval/convert.js';
import { evaluateInto } from '../eval/evaluate.js';
import { toJs } from '../eval/js.js';
import { makeScope } from '../eval/scope.js';
import { type Type, typeString } from '../eval/types.js';
import { Value } from '../eval/value.js';
import { containsSensitive } from '../eval/value-marks.js';
import type { Expression } from '../syntax/ast.js';
import { parseHcl } from '../syntax/parse.js';
import { registerStrings } from './body-eval.js';
import type { ParsedFile } from './files.js';
import type { VariableDecl } from './variable-decl.js';

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

/**
 * The value of every declared variable, applying assignments in order (later
 * wins), converting to the declared type and running validations.
 */
export function resolveVariables(
  decls: Map<string, VariableDecl>,
  assignments: Assignment[],
  functions: { defaults: FunctionTable; validations: FunctionTable },
  sensitive: SensitiveValues,
  syntaxOnly: boolean,
  diags: TemplateDiagnostic[],
  warnOnUndeclared = false,
): Map<string, Value> {
  const scope = makeScope({}, functions.defaults);
  const chosen = new Map<string, Assignment>();
  for (const a of assignments) {
    if (decls.has(a.name)) chosen.set(a.name, a);
    else if (a.fromCommandLine)
      diags.push({
        severity: 'error',
        summary: 'Undefined -var variable',
        detail: `A "${a.name}" variable was passed in the command line but was not found in known variables. To declare variable "${a.name}", place this block in one of your .pkr files, such as variables.pkr.hcl`,
      });
    else if (a.range && warnOnUndeclared)
      diags.push({
        severity: 'warning',
        summary: 'Undefined variable',
        detail: `The variable "${a.name}" was set but was not declared as an input variable.\nTo declare variable "${a.name}" place this block in one of your .pkr.hcl files, such as variables.pkr.hcl\n\nvariable "${a.name}" {\n  type    = string\n  default = null\n}`,
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
    if (!syntaxOnly)
      validate(
        d,
        v,
        a?.expr?.range ?? (a ? d.range : (d.default?.range ?? d.range)),
        functions.validations,
        diags,
      );
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

/** Runs the validation rules; a failure is placed at the value that failed (as Packer 1.16), naming the rule. */
function validate(
  d: VariableDecl,
  v: Value,
  valueRange: SourceRange,
  functions: FunctionTable,
  diags: TemplateDiagnostic[],
): void {
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
      range: valueRange,
    });
  }
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
