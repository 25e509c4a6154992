import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { TemplateExpr, TemplatePart } from '../syntax/ast.js';
import { ConversionError, convert } from './convert.js';
import { evalError } from './eval-diagnostics.js';
import type { Evaluator } from './evaluate.js';
import { iterate } from './iterate.js';
import { childScope, type EvalScope } from './scope.js';
import { T } from './types.js';
import { Value } from './value.js';

interface Acc {
  text: string;
  unknown: boolean;
  sensitive: boolean;
}

/** A string template (quoted string or heredoc) with interpolations and %{if}/%{for} directives. */
export function templateExpr(
  expr: TemplateExpr,
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  ev: Evaluator,
): Value {
  const acc: Acc = { text: '', unknown: false, sensitive: false };
  parts(expr.parts, scope, diags, ev, acc);
  const out = acc.unknown ? Value.unknown(T.string) : Value.string(acc.text);
  return acc.sensitive ? out.mark() : out;
}

function parts(
  list: TemplatePart[],
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  ev: Evaluator,
  acc: Acc,
): void {
  for (const p of list) {
    switch (p.kind) {
      case 'TemplateLiteral':
        acc.text += p.value;
        break;
      case 'TemplateInterpolation': {
        const v = ev(p.expr, scope);
        acc.sensitive ||= v.isSensitive;
        if (v.isNull && v.isKnown) {
          diags.push(
            evalError(
              'Invalid template interpolation value',
              'The expression result is null. Cannot include a null value in a string template.',
              p.expr.range,
            ),
          );
          acc.unknown = true;
          break;
        }
        try {
          const s = convert(v, T.string);
          if (!s.isKnown) acc.unknown = true;
          else acc.text += s.str;
        } catch (e) {
          if (!(e instanceof ConversionError)) throw e;
          diags.push(
            evalError(
              'Invalid template interpolation value',
              `Cannot include the given value in a string template: ${e.detail}`,
              p.expr.range,
            ),
          );
          acc.unknown = true;
        }
        break;
      }
      case 'TemplateIf': {
        const c = ev(p.condition, scope);
        acc.sensitive ||= c.isSensitive;
        let b: Value;
        try {
          if (c.isNull && c.isKnown) throw new ConversionError('null');
          b = convert(c, T.bool);
        } catch (e) {
          if (!(e instanceof ConversionError)) throw e;
          diags.push(
            evalError(
              'Invalid template if condition',
              'The condition must be a bool value (true or false).',
              p.condition.range,
            ),
          );
          acc.unknown = true;
          break;
        }
        if (!b.isKnown) acc.unknown = true;
        else if (b.bool) parts(p.then, scope, diags, ev, acc);
        else if (p.else) parts(p.else, scope, diags, ev, acc);
        break;
      }
      case 'TemplateFor': {
        const coll = ev(p.collection, scope);
        const items = iterate(coll, p.collection.range, diags, 'template');
        if (items === 'unknown') {
          acc.unknown = true;
          break;
        }
        acc.sensitive ||= coll.isSensitive;
        for (const [k, v] of items) {
          const vars: Record<string, Value> = { [p.valueVar]: v };
          if (p.keyVar) vars[p.keyVar] = k;
          parts(p.body, childScope(scope, vars), diags, ev, acc);
        }
        break;
      }
    }
  }
}
