import type { TemplateDiagnostic } from '../../config/source-range.js';
import { ConversionError, convert } from '../hcl/eval/convert.js';
import { withPeriod } from '../hcl/eval/eval-diagnostics.js';
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
  /** The names of the fixed parameters, for arity errors (try has none: only extra arguments). */
  params?: string[];
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

/** Several arguments that could not be converted to their parameters' types: one diagnostic each. */
export class FunctionArgErrors extends Error {
  override name = 'FunctionArgErrors';
  constructor(readonly errors: FunctionArgError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/**
 * What an implementation throws (through `failArg`) for a bad argument:
 * reported as cty's ArgError, "Invalid value for "<parameter>" parameter".
 */
export class ArgumentFailure extends Error {
  override name = 'ArgumentFailure';
  constructor(
    readonly argIndex: number,
    message: string,
  ) {
    super(message);
  }
}

/** Problems a lazy function found in its arguments' syntax (convert's type): reported as they are. */
export class ArgumentDiagnostics extends Error {
  override name = 'ArgumentDiagnostics';
  constructor(readonly diagnostics: TemplateDiagnostic[]) {
    super(diagnostics.map((d) => d.detail ?? d.summary).join('\n'));
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
      `Function "${name}" expects${variadic ? ' at least' : ''} ${params.length} argument(s). Missing value for "${missing.name}".`,
      'Not enough function arguments',
    );
  }
  if (!variadic && args.length > params.length) {
    throw new FunctionError(
      `Function "${name}" expects only ${params.length} argument(s).`,
      'Too many function arguments',
    );
  }
  const paramAt = (i: number) => (i < params.length ? params[i]! : variadic!);
  // As hclsyntax: every argument is converted and every failure reported;
  // then cty refuses the first null argument of a parameter that does not
  // allow null.
  const problems: FunctionArgError[] = [];
  const converted: Value[] = [];
  for (let i = 0; i < args.length; i++) {
    const p = paramAt(i);
    try {
      converted.push(convert(args[i]!, p.type));
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      // cty's conversion errors print without their path (HCL shows e.g. "a bool is required.").
      problems.push(new FunctionArgError(i, `Invalid value for "${p.name}" parameter: ${e.message}`));
      converted.push(args[i]!);
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new FunctionArgErrors(problems);
  let unknown = false;
  let sensitive = false;
  for (let i = 0; i < converted.length; i++) {
    const p = paramAt(i);
    let a = converted[i]!;
    if (a.isNull && a.isKnown && !p.allowNull)
      throw new FunctionArgError(i, `Invalid value for "${p.name}" parameter: argument must not be null.`);
    if (!p.allowUnknown && !isWhollyKnown(a)) unknown = true;
    if (!p.allowMarked && containsSensitive(a)) {
      sensitive = true;
      a = unmarkDeep(a);
    }
    converted[i] = a;
  }
  if (unknown) {
    const rt =
      typeof spec.returnType === 'function' ? safeReturnType(spec.returnType, converted) : spec.returnType;
    const out = Value.unknown(rt);
    return sensitive ? out.mark() : out;
  }
  let out: Value;
  try {
    out = spec.impl(converted);
  } catch (e) {
    if (e instanceof ArgumentFailure) {
      throw new FunctionArgError(
        e.argIndex,
        `Invalid value for "${paramAt(e.argIndex).name}" parameter: ${withPeriod(e.message)}`,
      );
    }
    throw e;
  }
  return sensitive ? out.mark() : out;
}

function safeReturnType(f: (args: readonly Value[]) => Type, args: readonly Value[]): Type {
  try {
    return f(args);
  } catch {
    return T.dynamic;
  }
}
