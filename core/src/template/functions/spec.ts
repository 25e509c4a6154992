import { ConversionError, convert } from '../hcl/eval/convert.js';
import { T, type Type } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { containsSensitive, isWhollyKnown, unmarkDeep } from '../hcl/eval/value-marks.js';
import type { Expression } from '../hcl/syntax/ast.js';

/** One parameter of an HCL function. */
export interface ParamSpec {
  name: string;
  /** Arguments are converted to this type before the call (`T.dynamic`: as given). */
  type: Type;
  /** The implementation handles null itself (otherwise: "argument must not be null"). */
  allowNull?: boolean;
  /** The implementation handles unknown values itself (otherwise the result is unknown). */
  allowUnknown?: boolean;
  /** The implementation handles sensitive marks itself (otherwise they are removed and put on the result). */
  allowMarked?: boolean;
}

/** An HCL function whose arguments are evaluated before the call. */
export interface FunctionSpec {
  description?: string;
  params: ParamSpec[];
  /** Extra arguments of the same kind (e.g. concat's lists). */
  variadic?: ParamSpec;
  /** The result type, used for the unknown result when an argument is unknown. */
  returnType: Type | ((args: readonly Value[]) => Type);
  impl(args: Value[]): Value;
}

/**
 * An argument of a lazy function: calling it evaluates the argument and
 * returns its value and error messages; `expr` is the argument's syntax
 * (convert() reads its second argument as a type expression).
 */
export type LazyArg = (() => { value: Value; errors: string[] }) & { expr?: Expression };

/** A function that decides itself when (and whether) to evaluate its arguments: try, can. */
export interface LazyFunctionSpec {
  lazy: true;
  description?: string;
  minArgs: number;
  maxArgs?: number;
  impl(args: LazyArg[]): Value;
}

export type FunctionDef = FunctionSpec | LazyFunctionSpec;

/** The functions visible to an expression, by name. */
export type FunctionTable = ReadonlyMap<string, FunctionDef>;

/** A problem with one argument: reported as "Invalid function argument" at that argument. */
export class FunctionArgError extends Error {
  constructor(
    readonly argIndex: number,
    message: string,
  ) {
    super(message);
    this.name = 'FunctionArgError';
  }
}

/** A function that failed as a whole: reported as "Error in function call". */
export class FunctionError extends Error {
  override name = 'FunctionError';
  /** Set when the problem has its own HCL summary (e.g. "Not enough function arguments"). */
  constructor(
    message: string,
    readonly summary?: string,
  ) {
    super(message);
  }
}

/** True for try/can-style functions. */
export function isLazy(f: FunctionDef): f is LazyFunctionSpec {
  return 'lazy' in f && f.lazy;
}

/**
 * Calls an eager function with cty's rules: arity is checked, arguments are
 * converted to parameter types, null/unknown/sensitive arguments are handled
 * for parameters that do not opt in (error, unknown result, marked result).
 * Throws FunctionArgError or FunctionError.
 */
export function callFunction(name: string, spec: FunctionSpec, args: readonly Value[]): Value {
  const { params, variadic } = spec;
  if (args.length < params.length) {
    const missing = params[args.length]!;
    throw new FunctionError(
      `Function "${name}" expects ${params.length} argument(s). Missing value for "${missing.name}".`,
      'Not enough function arguments',
    );
  }
  if (!variadic && args.length > params.length) {
    throw new FunctionError(
      `Function "${name}" expects only ${params.length} argument(s).`,
      'Too many function arguments',
    );
  }
  const converted: Value[] = [];
  let unknown = false;
  let sensitive = false;
  for (let i = 0; i < args.length; i++) {
    const p = i < params.length ? params[i]! : variadic!;
    let a = args[i]!;
    if (a.isNull && !p.allowNull)
      throw new FunctionArgError(i, `Invalid value for "${p.name}" parameter: argument must not be null.`);
    try {
      a = convert(a, p.type);
    } catch (e) {
      if (e instanceof ConversionError)
        throw new FunctionArgError(i, `Invalid value for "${p.name}" parameter: ${e.detail}`);
      throw e;
    }
    if (!p.allowUnknown && !isWhollyKnown(a)) unknown = true;
    if (!p.allowMarked && containsSensitive(a)) {
      sensitive = true;
      a = unmarkDeep(a);
    }
    converted.push(a);
  }
  if (unknown) {
    const rt =
      typeof spec.returnType === 'function' ? safeReturnType(spec.returnType, converted) : spec.returnType;
    const out = Value.unknown(rt);
    return sensitive ? out.mark() : out;
  }
  const out = spec.impl(converted);
  return sensitive ? out.mark() : out;
}

function safeReturnType(f: (args: readonly Value[]) => Type, args: readonly Value[]): Type {
  try {
    return f(args);
  } catch {
    return T.dynamic;
  }
}
