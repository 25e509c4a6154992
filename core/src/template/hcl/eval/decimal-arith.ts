/**
 * Arithmetic on numbers as the decimals they were written as, rounded to a
 * double only at the end: close to cty's big-float results where plain
 * doubles drift (0.1 + 0.2 is 0.3, 0.3 / 0.1 is 3, as in Packer). Operands
 * that are already inexact (more than 15 significant digits, e.g. 1/3) use
 * double arithmetic, so 1/3*3 is 1 as it is in Packer.
 */
interface Dec {
  m: bigint;
  e: number;
}

function toDec(n: number): Dec {
  const [mant = '0', exp = '0'] = String(n).split('e');
  const [ip = '0', fp = ''] = mant.split('.');
  return { m: BigInt(ip + fp), e: Number(exp) - fp.length };
}

function toNumber(d: Dec): number {
  return Number(`${d.m}e${d.e}`);
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
}

const DIV_DIGITS = 40;
/** Operands with more significant digits than this are results of inexact operations: use doubles. */
const SHORT = 15;

function digits(d: Dec): number {
  return (d.m < 0n ? -d.m : d.m).toString().replace(/0+$/, '').length;
}

/** a op b for + - * /, computed in decimal; falls back to doubles for non-finite operands. */
export function decimalArith(op: '+' | '-' | '*' | '/', a: number, b: number): number {
  const r = decimalResult(op, a, b);
  // A zero keeps the sign IEEE (and big.Float) give it: 0 / -2 is -0.
  return r === 0 ? (op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b) : r;
}

function decimalResult(op: '+' | '-' | '*' | '/', a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 1e300 || Math.abs(b) > 1e300) {
    return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
  }
  const x = toDec(a);
  const y = toDec(b);
  if (digits(x) > SHORT || digits(y) > SHORT)
    return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
  switch (op) {
    case '+':
    case '-': {
      const [p, q, e] = align(x, y);
      return toNumber({ m: op === '+' ? p + q : p - q, e });
    }
    case '*':
      return toNumber({ m: x.m * y.m, e: x.e + y.e });
    case '/': {
      if (y.m === 0n) return a / b;
      const scale = DIV_DIGITS + y.m.toString().length;
      return toNumber({ m: (x.m * 10n ** BigInt(scale)) / y.m, e: x.e - y.e - scale });
    }
  }
}
