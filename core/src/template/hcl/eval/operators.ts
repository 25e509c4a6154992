import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import type { BinaryOperator, UnaryOperator } from '../syntax/ast.js';
import { ConversionError, convert } from './convert.js';
import { decimalArith } from './decimal-arith.js';
import { evalError } from './eval-diagnostics.js';
import { T, type Type } from './types.js';
import { Value } from './value.js';
import { valuesEqual } from './value-marks.js';

type Diags = TemplateDiagnostic[];

/** A finite or infinite result, or cty's message when big.Float has no answer (NaN). */
const ARITH: Partial<Record<BinaryOperator, (a: number, b: number) => number | string>> = {
  '+': (a, b) => nanMessage(decimalArith('+', a, b), "can't compute sum of opposing infinities"),
  '-': (a, b) => nanMessage(decimalArith('-', a, b), "can't subtract infinity from itself"),
  '*': (a, b) => nanMessage(decimalArith('*', a, b), "can't multiply zero by infinity"),
  '/': (a, b) =>
    b === 0 || !Number.isFinite(b)
      ? nanMessage(a / b, "can't divide zero by zero or infinity by infinity")
      : decimalArith('/', a, b),
  // cty: x % 0 is x; an infinite operand gives the product's infinity.
  '%': (a, b) => {
    if (!Number.isFinite(a) || !Number.isFinite(b))
      return nanMessage(a * b, "can't use modulo with zero and infinity");
    if (b === 0) return a;
    const r = a % b;
    // cty computes a - b * trunc(a / b): an exact multiple gives +0, except -0 % (positive).
    return r === 0 ? (Object.is(a, -0) && b > 0 ? -0 : 0) : r;
  },
};
const COMPARE: Partial<Record<BinaryOperator, (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function nanMessage(n: number, message: string): number | string {
  return Number.isNaN(n) ? `Error during operation: ${message}.` : n;
}

const hasErrors = (d: Diags) => d.some((x) => x.severity === 'error');

/** Converts an operand to `type`, reporting HCL's "Invalid operand" at `range`. */
function operand(v: Value, type: Type, what: string, range: SourceRange, diags: Diags): Value | undefined {
  try {
    return convert(v, type);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(evalError('Invalid operand', `Unsuitable value for ${what}: ${e.detail}`, range));
    return undefined;
  }
}

const nullArgument = (range: SourceRange) =>
  evalError('Operation failed', 'Error during operation: argument must not be null.', range);

/** Each side's value and the problems found evaluating it, kept apart as HCL does for short-circuits. */
export interface Operand {
  value: Value;
  diags: Diags;
  range: SourceRange;
}

/**
 * A binary operation with HCL's semantics (hclsyntax BinaryOpExpr):
 * arithmetic and comparison on numbers (strings convert), && and || on bools
 * (short-circuiting: `true || <error>` is true), == and != on any values
 * (different types are unequal). Diagnostics come in HCL's order: operand
 * conversions first, then each side's own. Unknown operands give an unknown
 * result, sensitive operands a sensitive one.
 */
export function binaryOp(
  op: BinaryOperator,
  l: Operand,
  r: Operand,
  range: SourceRange,
  diags: Diags,
): Value {
  if (op === '==' || op === '!=') {
    diags.push(...l.diags, ...r.diags);
    if (hasErrors(l.diags) || hasErrors(r.diags)) return Value.unknown(T.bool);
    const eq = valuesEqual(l.value, r.value);
    if (op === '==' || !eq.isKnown) return eq;
    return Value.bool(!eq.bool).mark(eq.isSensitive);
  }
  const logical = op === '&&' || op === '||';
  const cmp = COMPARE[op];
  const resultType = logical || cmp ? T.bool : T.number;
  const type = logical ? T.bool : T.number;
  const conv: Diags = [];
  const a = operand(l.value, type, 'left operand', l.range, conv);
  const b = operand(r.value, type, 'right operand', r.range, conv);
  if (!a || !b) {
    diags.push(...conv, ...l.diags, ...r.diags);
    return Value.unknown(resultType);
  }
  const sensitive = a.isSensitive || b.isSensitive;
  const mark = (v: Value) => (sensitive ? v.mark() : v);
  if (logical) {
    const forced = shortCircuit(op === '||', a, b, l.diags, r.diags);
    if (forced) {
      diags.push(...forced.diags);
      return mark(forced.value);
    }
  }
  diags.push(...l.diags, ...r.diags);
  if (hasErrors(l.diags) || hasErrors(r.diags)) return mark(Value.unknown(resultType));
  if ((a.isKnown && a.isNull) || (b.isKnown && b.isNull)) {
    diags.push(nullArgument(range));
    return Value.unknown(resultType);
  }
  if (!a.isKnown || !b.isKnown) return mark(Value.unknown(resultType));
  if (logical) return mark(Value.bool(op === '&&' ? a.bool && b.bool : a.bool || b.bool));
  if (cmp) return mark(Value.bool(cmp(a.num, b.num)));
  const out = ARITH[op]!(a.num, b.num);
  if (typeof out === 'string') {
    diags.push(evalError('Operation failed', out, range));
    return Value.unknown(T.number);
  }
  return mark(Value.number(out));
}

/**
 * HCL's short-circuit rule for `||` (decisive = true) and `&&` (false): one
 * decisive known side settles the result and only its diagnostics count; an
 * unknown side facing a non-decisive one gives an unknown.
 */
function shortCircuit(
  decisive: boolean,
  a: Value,
  b: Value,
  ld: Diags,
  rd: Diags,
): { value: Value; diags: Diags } | undefined {
  const is = (v: Value, want: boolean) => v.isKnown && !v.isNull && v.bool === want;
  if (!a.isKnown && !b.isKnown)
    return hasErrors(ld) ? undefined : { value: Value.unknown(T.bool), diags: ld };
  if (is(a, decisive)) return { value: Value.bool(decisive), diags: ld };
  if (is(b, decisive)) return { value: Value.bool(decisive), diags: rd };
  if (!a.isKnown && is(b, !decisive)) return { value: Value.unknown(T.bool), diags: ld };
  if (!b.isKnown && is(a, !decisive)) return { value: Value.unknown(T.bool), diags: rd };
  return undefined;
}

/** `!x` (bool) and `-x` (number); `operand` was evaluated into `diags` already. */
export function unaryOp(
  op: UnaryOperator,
  v: Value,
  range: { operand: SourceRange; whole: SourceRange },
  diags: Diags,
  before: number,
): Value {
  const type = op === '!' ? T.bool : T.number;
  const a = operand(v, type, 'unary operand', range.operand, diags);
  if (!a || hasErrors(diags.slice(before))) return Value.unknown(type);
  if (a.isKnown && a.isNull) {
    diags.push(nullArgument(range.whole));
    return Value.unknown(type);
  }
  if (!a.isKnown) return Value.unknown(type).mark(a.isSensitive);
  const out = op === '!' ? Value.bool(!a.bool) : Value.number(-a.num);
  return a.isSensitive ? out.mark() : out;
}
