import { ConversionError, convert } from '../hcl/eval/convert.js';
import { typeFromExpr } from '../hcl/eval/type-expr.js';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { isWhollyKnown } from '../hcl/eval/value-marks.js';
import { fail, failArg } from './define.js';
import { ArgumentDiagnostics, type FunctionDef, type LazyFunctionSpec } from './spec.js';

const tryFn: LazyFunctionSpec = {
  lazy: true,
  minArgs: 1,
  impl(args) {
    const errors: string[] = [];
    for (const a of args) {
      const r = a();
      if (r.errors.length === 0) {
        if (!isWhollyKnown(r.value)) return Value.unknown();
        return r.value;
      }
      errors.push(...r.errors);
    }
    return fail(
      `no expression succeeded:\n${errors.map((e) => `- ${e}`).join('\n')}\n\nAt least one expression must produce a successful result`,
    );
  },
};

const canFn: LazyFunctionSpec = {
  lazy: true,
  params: ['expression'],
  minArgs: 1,
  maxArgs: 1,
  impl([a]) {
    const r = a!();
    if (r.errors.length > 0) return Value.bool(false);
    if (!isWhollyKnown(r.value)) return Value.unknown(T.bool);
    return Value.bool(true);
  },
};

const convertFn: LazyFunctionSpec = {
  lazy: true,
  params: ['value', 'type'],
  minArgs: 2,
  maxArgs: 2,
  impl([v, t]) {
    const r = v!();
    if (r.errors.length) fail(r.errors.join('; '));
    const te = t!.expr ? typeFromExpr(t!.expr, { defaults: false }) : undefined;
    if (!te) fail('invalid type: missing');
    if (te.diagnostics.length) throw new ArgumentDiagnostics(te.diagnostics);
    try {
      return convert(r.value, te.type);
    } catch (e) {
      if (e instanceof ConversionError) failArg(0, e.detail);
      throw e;
    }
  },
};

/** convert, try, can (Packer has no tostring, tolist ...: convert() does their work). */
export const conversionFunctions: Record<string, FunctionDef> = {
  convert: convertFn,
  try: tryFn,
  can: canFn,
};
