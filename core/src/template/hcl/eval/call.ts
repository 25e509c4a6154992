import { didYouMean } from '@kiln/plugin-sdk';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import { callFunction, FunctionArgError, FunctionError, isLazy, type LazyArg } from '../../functions/spec.js';
import type { FunctionCallExpr } from '../syntax/ast.js';
import { ConversionError } from './convert.js';
import { evalError, withSuggestion } from './eval-diagnostics.js';
import type { Evaluator } from './evaluate.js';
import { evaluateInto } from './evaluate.js';
import type { EvalScope } from './scope.js';
import { Value } from './value.js';

/** `f(a, b...)`: evaluates the arguments (lazily for try/can) and calls the function from the scope. */
export function callExpr(
  expr: FunctionCallExpr,
  scope: EvalScope,
  diags: TemplateDiagnostic[],
  ev: Evaluator,
): Value {
  const fn = scope.functions.get(expr.name);
  if (!fn) {
    const suggestion = didYouMean(expr.name, scope.functions.keys());
    diags.push(
      evalError(
        'Call to unknown function',
        withSuggestion(`There is no function named "${expr.name}".`, suggestion),
        expr.nameRange,
      ),
    );
    return Value.unknown();
  }
  if (isLazy(fn)) {
    const n = expr.args.length;
    if (n < fn.minArgs || (fn.maxArgs !== undefined && n > fn.maxArgs)) {
      diags.push(
        evalError(
          'Invalid function argument',
          `Function "${expr.name}" expects ${fn.minArgs === fn.maxArgs ? fn.minArgs : `at least ${fn.minArgs}`} argument(s).`,
          expr.range,
        ),
      );
      return Value.unknown();
    }
    const args: LazyArg[] = expr.args.map((a) =>
      Object.assign(
        () => {
          const local: TemplateDiagnostic[] = [];
          const value = evaluateInto(a, scope, local);
          return { value, errors: local.filter((d) => d.severity === 'error').map(describe) };
        },
        { expr: a },
      ),
    );
    try {
      return fn.impl(args);
    } catch (e) {
      diags.push(
        evalError(
          'Error in function call',
          `Call to function "${expr.name}" failed: ${withPeriod(errorMessage(e))}`,
          expr.range,
        ),
      );
      return Value.unknown();
    }
  }
  const args: Value[] = [];
  const argRanges = [];
  for (let i = 0; i < expr.args.length; i++) {
    const a = expr.args[i]!;
    const v = ev(a, scope);
    if (expr.expandFinal && i === expr.args.length - 1) {
      if (!v.isKnown) return Value.unknown();
      if (v.isNull) {
        diags.push(
          evalError(
            'Invalid expanding argument value',
            'The expanding argument (indicated by ...) must not be null.',
            a.range,
          ),
        );
        return Value.unknown();
      }
      const k = v.type.kind;
      if (k !== 'list' && k !== 'set' && k !== 'tuple') {
        diags.push(
          evalError(
            'Invalid expanding argument value',
            'The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
            a.range,
          ),
        );
        return Value.unknown();
      }
      for (const e of v.elems) {
        args.push(v.isSensitive ? e.mark() : e);
        argRanges.push(a.range);
      }
    } else {
      args.push(v);
      argRanges.push(a.range);
    }
  }
  try {
    return callFunction(expr.name, fn, args);
  } catch (e) {
    if (e instanceof FunctionArgError) {
      diags.push(evalError('Invalid function argument', e.message, argRanges[e.argIndex] ?? expr.range));
      return Value.unknown();
    }
    if (e instanceof FunctionError) {
      diags.push(
        e.summary
          ? evalError(e.summary, e.message, expr.range)
          : evalError(
              'Error in function call',
              `Call to function "${expr.name}" failed: ${withPeriod(e.message)}`,
              expr.range,
            ),
      );
      return Value.unknown();
    }
    diags.push(
      evalError(
        'Error in function call',
        `Call to function "${expr.name}" failed: ${withPeriod(errorMessage(e))}`,
        expr.range,
      ),
    );
    return Value.unknown();
  }
}

function errorMessage(e: unknown): string {
  return e instanceof ConversionError ? e.detail : e instanceof Error ? e.message : String(e);
}

function describe(d: TemplateDiagnostic): string {
  const at = d.range ? ` (at ${d.range.filename}:${d.range.start.line},${d.range.start.column})` : '';
  return `${d.summary}${at}${d.detail ? `: ${d.detail}` : ''}`;
}

function withPeriod(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
