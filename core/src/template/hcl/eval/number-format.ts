/**
 * Number <-> text the way cty does it: numbers become plain decimal strings
 * (no exponent), strings parse as decimal numbers only.
 */
export function numberToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  // cty keeps a negative zero (0 / -2, -(3 * 0)) and big.Float writes it "-0".
  if (Object.is(n, -0)) return '-0';
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return String(n);
  const s = String(n);
  if (!s.includes('e')) return s;
  return expandExponent(s);
}

function expandExponent(s: string): string {
  const [mant = '', expPart = '0'] = s.split('e');
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '');
  const [ip = '', fp = ''] = digits.split('.');
  const exp = Number(expPart);
  const all = ip + fp;
  const point = ip.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${all}`;
  else if (point >= all.length) out = all + '0'.repeat(point - all.length);
  else out = `${all.slice(0, point)}.${all.slice(point)}`;
  return (neg ? '-' : '') + out.replace(/^0+(?=\d)/, '');
}

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Parses a decimal number; undefined when the text is not one. */
export function parseNumber(s: string): number | undefined {
  if (!DECIMAL.test(s)) return undefined;
  return Number(s);
}

/**
 * How `packer console` prints a number: integers that fit in 64 bits as
 * digits; anything else as Go's %g (shortest digits, exponent form when the
 * exponent is < -4 or >= 6, at least two exponent digits).
 */
export function formatGoG(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return '0';
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  const e = n.toExponential();
  const [mant = '', expStr = '0'] = e.split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? `0${abs}` : abs}`;
  }
  return numberToString(n);
}
