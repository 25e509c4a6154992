import type { SourceRange, TemplateDiagnostic } from '../../../config/source-range.js';
import type { BinaryOperator, UnaryOperator } from '../syntax/ast.js';
import { ConversionError, convert } from './convert.js';
import { decimalArith } from './decimal-arith.js';
import { evalError } from './eval-diagnostics.js';
import { T, type Type } from './types.js';
import { Value } from './value.js';
import { valuesEqual } from './value-marks.js';

type Diags = TemplateDiagnostic[];

const ARITH: Partial<Record<BinaryOperator, (a: number, b: number) => number | string>> = {
  '+': (a, b) => decimalArith('+', a, b),
  '-': (a, b) => decimalArith('-', a, b),
  '*': (a, b) => decimalArith('*', a, b),
  '/': (a, b) =>
    b === 0
      ? a === 0
        ? "Error during operation: can't divide zero by zero or infinity by infinity."
        : a / b
      : decimalArith('/', a, b),
  '%': (a, b) =>
    b === 0 ? "Error during operation: can't use zero as the divisor of a modulo operation." : a % b,
};
const COMPARE: Partial<Record<BinaryOperator, (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** Converts an operand to `type`, reporting HCL's "Invalid operand" at `range`. */
function operand(
  v: Value,
  type: Type,
  side: 'left' | 'right' | 'operand',
  range: SourceRange,
  diags: Diags,
): Value | undefined {
  const what = side === 'operand' ? 'operand' : `${side} operand`;
  if (v.isNull && v.isKnown) {
    diags.push(
      evalError('Invalid operand', `Unsuitable value for ${what}: argument must not be null.`, range),
    );
    return undefined;
  }
  try {
    return convert(v, type);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    const need = type.kind === 'bool' ? 'bool required' : 'a number is required';
    diags.push(evalError('Invalid operand', `Unsuitable value for ${what}: ${need}.`, range));
    return undefined;
  }
}

/**
 * A binary operation with HCL semantics: arithmetic and comparison on numbers
 * (strings convert), && and || on bools only, == and != on any values
 * (different types are unequal). Unknown operands give an unknown result,
 * sensitive operands a sensitive one.
 */
export function binaryOp(
  op: BinaryOperator,
  l: Value,
  r: Value,
  ranges: { left: SourceRange; right: SourceRange; op: SourceRange },
  diags: Diags,
): Value {
  if (op === '==' || op === '!=') {
    const eq = valuesEqual(l, r);
    if (op === '==' || !eq.isKnown) return eq;
    return Value.bool(!eq.bool).mark(eq.isSensitive);
  }
  const sensitive = l.isSensitive || r.isSensitive;
  const mark = (v: Value) => (sensitive ? v.mark() : v);
  if (op === '&&' || op === '||') {
    const a = operand(l, T.bool, 'left', ranges.left, diags);
    const b = operand(r, T.bool, 'right', ranges.right, diags);
    if (!a || !b) return Value.unknown(T.bool);
    const decisive = op === '||';
    if ((a.isKnown && a.bool === decisive) || (b.isKnown && b.bool === decisive))
      return mark(Value.bool(decisive));
    if (!a.isKnown || !b.isKnown) return mark(Value.unknown(T.bool));
    return mark(Value.bool(op === '&&' ? a.bool && b.bool : a.bool || b.bool));
  }
  const a = operand(l, T.number, 'left', ranges.left, diags);
  const b = operand(r, T.number, 'right', ranges.right, diags);
  const cmp = COMPARE[op];
  const resultType = cmp ? T.bool : T.number;
  if (!a || !b) return Value.unknown(resultType);
  if (!a.isKnown || !b.isKnown) return mark(Value.unknown(resultType));
  if (cmp) return mark(Value.bool(cmp(a.num, b.num)));
  const out = ARITH[op]!(a.num, b.num);
  if (typeof out === 'string') {
    diags.push(evalError('Operation failed', out, ranges.op));
    return Value.unknown(T.number);
  }
  return mark(Value.number(out));
}

/** `!x` (bool) and `-x` (number). */
export function unaryOp(op: UnaryOperator, v: Value, range: SourceRange, diags: Diags): Value {
  const type = op === '!' ? T.bool : T.number;
  const a = operand(v, type, 'operand', range, diags);
  if (!a) return Value.unknown(type);
  if (!a.isKnown) return Value.unknown(type).mark(a.isSensitive);
  const out = op === '!' ? Value.bool(!a.bool) : Value.number(a.num === 0 ? 0 : -a.num);
  return a.isSensitive ? out.mark() : out;
}
