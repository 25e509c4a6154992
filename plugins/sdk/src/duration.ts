/** Milliseconds per unit of a Go duration. */
const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** A text that Go's time.ParseDuration refuses; the message is Go's. */
export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

/**
 * Go's time.ParseDuration, in milliseconds: a sign, then numbers with
 * optional fractions each followed by a unit (ns, us, µs, ms, s, m, h), as
 * "1h30m", "-1.5s", ".5s", "300ms"; "0" alone needs no unit. A bare number
 * ("5") is refused, as Packer refuses it. Throws a DurationError with Go's
 * message ("time: missing unit in duration \"5\"").
 */
export function parseGoDuration(s: string): number {
  const quoted = `"${s}"`;
  let v = s;
  let neg = false;
  if (v[0] === '-' || v[0] === '+') {
    neg = v[0] === '-';
    v = v.slice(1);
  }
  if (v === '0') return 0;
  if (v === '') throw new DurationError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (v !== '') {
    const n = /^(\d*)(\.\d*)?/.exec(v)![0];
    if (n === '' || n === '.') throw new DurationError(`time: invalid duration ${quoted}`);
    v = v.slice(n.length);
    const unit = /^[^\d.]*/.exec(v)![0];
    if (unit === '') throw new DurationError(`time: missing unit in duration ${quoted}`);
    if (!(unit in UNITS)) throw new DurationError(`time: unknown unit "${unit}" in duration ${quoted}`);
    v = v.slice(unit.length);
    total += Number(n) * UNITS[unit]!;
  }
  return neg ? -total : total;
}

/** {@link parseGoDuration} of a configuration value: surrounding space ignored; undefined when refused. */
export function parseDuration(text: string): number | undefined {
  try {
    return parseGoDuration(text.trim());
  } catch (e) {
    if (e instanceof DurationError) return undefined;
    throw e;
  }
}
