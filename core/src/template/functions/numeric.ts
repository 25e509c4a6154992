import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, failArg, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const N = T.number;
const n1 = (f: (n: number) => number): FunctionSpec =>
  fn([param('num', N)], N, ([a]) => Value.number(f(a!.num)));
const nums = param('numbers', N);

/** A number cty can hold: it has no NaN (Packer's log and pow crash on one; Kiln says why). */
function real(n: number): Value {
  if (Number.isNaN(n)) fail('the result is not a real number');
  return Value.number(n);
}

/** Numeric functions: min, max, abs, ceil, floor, pow, log, parseint, signum. */
export const numericFunctions: Record<string, FunctionSpec> = {
  abs: n1(Math.abs),
  ceil: n1(Math.ceil),
  floor: n1(Math.floor),
  signum: n1((n) => {
    if (!Number.isInteger(n))
      fail('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
    return n > 0 ? 1 : n < 0 ? -1 : 0;
  }),
  log: fn([param('num', N), param('base', N)], N, ([a, b]) => real(Math.log(a!.num) / Math.log(b!.num))),
  pow: fn([param('num', N), param('power', N)], N, ([a, b]) => real(a!.num ** b!.num)),
  min: fn(
    [],
    N,
    (a) => {
      if (a.length === 0) fail('must pass at least one number');
      return Value.number(Math.min(...a.map((x) => x.num)));
    },
    nums,
  ),
  max: fn(
    [],
    N,
    (a) => {
      if (a.length === 0) fail('must pass at least one number');
      return Value.number(Math.max(...a.map((x) => x.num)));
    },
    nums,
  ),
  parseint: fn([param('number', T.string), param('base', N)], N, ([s, b]) => {
    const base = b!.num;
    if (!Number.isInteger(base) || base < 2 || base > 62)
      failArg(1, 'base must be a whole number between 2 and 62 inclusive');
    const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let text = s!.str;
    const neg = text.startsWith('-');
    if (neg || text.startsWith('+')) text = text.slice(1);
    if (text === '') failArg(0, `cannot parse "${s!.str}" as a base ${base} integer`);
    let out = 0n;
    for (const ch of text) {
      let d = digits.indexOf(base <= 36 ? ch.toLowerCase() : ch);
      if (base <= 36 && d >= 36) d = -1;
      if (d < 0 || d >= base) failArg(0, `cannot parse "${s!.str}" as a base ${base} integer`);
      out = out * BigInt(base) + BigInt(d);
    }
    return Value.number(Number(neg ? -out : out));
  }),
};
