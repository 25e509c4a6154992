import { didYouMean } from '@kiln/plugin-sdk';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import {
  ArgumentDiagnostics,
  ArgumentFailure,
  callFunction,
  FunctionArgError,
  FunctionArgErrors,
  FunctionError,
  isLazy,
  type LazyArg,
} from '../../functions/spec.js';
import type { FunctionCallExpr } from '../syntax/ast.js';
import { ConversionError } from './convert.js';
import { evalError, withPeriod, withSuggestion } from './eval-diagnostics.js';
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
  if (!fn && expr.name.includes('::')) {
    // A provider function (HCL 2.18+ syntax); Packer defines none.
    const ns = expr.name.slice(0, expr.name.lastIndexOf('::') + 2);
    diags.push(
      evalError('Call to unknown function', `There are no functions in namespace "${ns}".`, expr.nameRange),
    );
    return Value.unknown();
  }
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
    const names = fn.params ?? [];
    if (n < fn.minArgs) {
      diags.push(
        names.length > 0
          ? evalError(
              'Not enough function arguments',
              `Function "${expr.name}" expects ${fn.maxArgs === undefined ? 'at least ' : ''}${names.length} argument(s). Missing value for "${names[n]}".`,
              expr.range,
            )
          : callFailed(expr, 'at least one argument is required'),
      );
      return Value.unknown();
    }
    if (fn.maxArgs !== undefined && n > fn.maxArgs) {
      diags.push(
        evalError(
          'Too many function arguments',
          `Function "${expr.name}" expects only ${fn.maxArgs} argument(s).`,
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
      if (e instanceof ArgumentDiagnostics) {
        diags.push(...e.diagnostics);
        return Value.unknown();
      }
      if (e instanceof ArgumentFailure) {
        const pname = fn.params?.[e.argIndex] ?? 'value';
        diags.push(
          evalError(
            'Invalid function argument',
            `Invalid value for "${pname}" parameter: ${withPeriod(e.message)}`,
            expr.args[e.argIndex]?.range ?? expr.range,
          ),
        );
        return Value.unknown();
      }
      diags.push(callFailed(expr, errorMessage(e)));
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
    if (e instanceof FunctionArgErrors) {
      for (const a of e.errors)
        diags.push(evalError('Invalid function argument', a.message, argRanges[a.argIndex] ?? expr.range));
      return Value.unknown();
    }
    if (e instanceof FunctionArgError) {
      diags.push(evalError('Invalid function argument', e.message, argRanges[e.argIndex] ?? expr.range));
      return Value.unknown();
    }
    if (e instanceof FunctionError) {
      diags.push(e.summary ? evalError(e.summary, e.message, expr.range) : callFailed(expr, e.message));
      return Value.unknown();
    }
    diags.push(callFailed(expr, errorMessage(e)));
    return Value.unknown();
  }
}

/** Packer's diagnostic for a function call that failed. */
function callFailed(expr: FunctionCallExpr, message: string): TemplateDiagnostic {
  return evalError(
    'Error in function call',
    `Call to function "${expr.name}" failed: ${withPeriod(message)}`,
    expr.range,
  );
}

function errorMessage(e: unknown): string {
  return e instanceof ConversionError ? e.detail : e instanceof Error ? e.message : String(e);
}

/** A problem as try() lists it (hcl's tryfunc): summary, range as hcl.Range prints it, detail. */
function describe(d: TemplateDiagnostic): string {
  const r = d.range;
  const at = r
    ? ` (at ${r.filename}:${r.start.line},${r.start.column}-${r.start.line === r.end.line ? r.end.column : `${r.end.line},${r.end.column}`})`
    : '';
  return `${d.summary}${at}${d.detail ? `\n  ${d.detail}` : ''}`;
}
