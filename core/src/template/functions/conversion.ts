import { ConversionError, convert } from '../hcl/eval/convert.js';
import { typeFromExpr } from '../hcl/eval/type-expr.js';
import { friendlyTypeName, T, type Type } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { isWhollyKnown } from '../hcl/eval/value-marks.js';
import { fail, fn, param } from './define.js';
import { FunctionArgError, type FunctionDef, type LazyFunctionSpec } from './spec.js';

function to(type: Type): FunctionDef {
  return fn(
    [param('v', T.dynamic, { allowNull: true, allowUnknown: true, allowMarked: true })],
    type,
    ([v]) => {
      try {
        return convert(v!, type);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        const from = v!.type.kind === 'dynamic' ? 'value' : friendlyTypeName(v!.type);
        throw new FunctionArgError(
          0,
          `Invalid value for "v" parameter: cannot convert ${from} to ${friendlyTypeName(type)}${e.path.length ? `: ${e.detail}` : '.'}`,
        );
      }
    },
  );
}

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
  minArgs: 2,
  maxArgs: 2,
  impl([v, t]) {
    const r = v!();
    if (r.errors.length) fail(r.errors.join('; '));
    const te = t!.expr ? typeFromExpr(t!.expr) : undefined;
    if (!te || te.diagnostics.length)
      fail(`invalid type: ${te?.diagnostics.map((d) => d.detail).join('; ') ?? 'missing'}`);
    try {
      return convert(r.value, te.type);
    } catch (e) {
      if (e instanceof ConversionError) fail(e.detail);
      throw e;
    }
  },
};

/** tostring, tonumber, tobool, tolist, toset, tomap, convert, try, can. */
export const conversionFunctions: Record<string, FunctionDef> = {
  tostring: to(T.string),
  tonumber: to(T.number),
  tobool: to(T.bool),
  tolist: to(T.list(T.dynamic)),
  toset: to(T.set(T.dynamic)),
  tomap: to(T.map(T.dynamic)),
  convert: convertFn,
  try: tryFn,
  can: canFn,
};
