import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import type { FunctionTable } from '../../functions/spec.js';
import { evaluateInto } from '../eval/evaluate.js';
import { makeScope } from '../eval/scope.js';
import { T, type Type } from '../eval/types.js';
import type { Block, Expression } from '../syntax/ast.js';
import { typeFromExpr } from './type-expr.js';

/** A declared input variable. */
export interface VariableDecl {
  name: string;
  type: Type;
  description?: string;
  sensitive: boolean;
  nullable: boolean;
  default?: Expression;
  validations: Block[];
  range: SourceRange;
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
