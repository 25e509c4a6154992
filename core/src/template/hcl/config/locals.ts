import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import { evaluateInto } from '../eval/evaluate.js';
import { toJs } from '../eval/js.js';
import type { EvalScope } from '../eval/scope.js';
import { Value } from '../eval/value.js';
import type { Block, Expression } from '../syntax/ast.js';
import { registerStrings } from './body-eval.js';

/** One local value: from a `locals` block attribute or a `local` block. */
export interface LocalDecl {
  name: string;
  expr: Expression;
  sensitive: boolean;
  range: SourceRange;
}

/** Collects `locals { }` attributes and `local "name" { expression, sensitive }` blocks. */
export function declareLocals(blocks: Block[], diags: TemplateDiagnostic[]): LocalDecl[] {
  const out: LocalDecl[] = [];
  const seen = new Map<string, SourceRange>();
  const add = (l: LocalDecl) => {
    const prev = seen.get(l.name);
    if (prev) {
      diags.push({
        severity: 'error',
        summary: 'Duplicate local value definition',
        detail: `A local value named "${l.name}" was already defined at ${prev.filename}:${prev.start.line}:${prev.start.column}. Local value names must be unique within a configuration.`,
        range: l.range,
      });
      return;
    }
    seen.set(l.name, l.range);
    out.push(l);
  };
  for (const b of blocks) {
    if (b.type === 'locals') {
      for (const a of b.body.attributes)
        add({ name: a.name, expr: a.expr, sensitive: false, range: a.nameRange });
      continue;
    }
    const expr = b.body.attributes.find((a) => a.name === 'expression');
    const sens = b.body.attributes.find((a) => a.name === 'sensitive');
    if (!expr) {
      diags.push({
        severity: 'error',
        summary: 'Missing required argument',
        detail: 'The argument "expression" is required in a local block.',
        range: b.typeRange,
      });
      continue;
    }
    add({
      name: b.labels[0]?.value ?? '',
      expr: expr.expr,
      sensitive: sens?.expr.kind === 'Literal' && sens.expr.value === true,
      range: b.labels[0]?.range ?? b.typeRange,
    });
  }
  return out;
}

/**
 * Evaluates one local in `scope`. With `quiet`, its errors are dropped and
 * the value is unknown (syntax-only loads).
 */
export function evaluateLocal(
  d: LocalDecl,
  scope: EvalScope,
  sensitive: SensitiveValues,
  quiet: boolean,
  diags: TemplateDiagnostic[],
): Value {
  const local: TemplateDiagnostic[] = [];
  let v = evaluateInto(d.expr, scope, local);
  if (!quiet) diags.push(...local);
  else if (local.some((x) => x.severity === 'error')) v = Value.unknown();
  if (d.sensitive) {
    v = v.mark(true);
    registerStrings(toJs(v, { unknownAs: () => undefined }), sensitive);
  }
  return v;
}
