import { fields, offsetText, pad, type ZonedTime } from '@kiln/plugin-sdk';
import { fail } from './define.js';

export { DAYS, fields, MONTHS, offsetText, pad, type ZonedTime } from '@kiln/plugin-sdk';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp, as formatdate and timeadd require. */
export function parseRfc3339(s: string): ZonedTime {
  const m = RFC3339.exec(s);
  if (!m) fail(`not a valid RFC3339 timestamp: cannot use "${s}" as a timestamp`);
  const [, y, mo, d, h, mi, se, frac = '', off = 'Z'] = m;
  const offsetMin =
    off === 'Z' || off === 'z'
      ? 0
      : (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  const nanos = frac ? Number(frac.slice(1, 10).padEnd(9, '0')) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(se) > 60)
    fail(`not a valid RFC3339 timestamp: "${s}" is out of range`);
  return {
    epochMs: wall - offsetMin * 60_000 + Math.floor(nanos / 1_000_000),
    extraNanos: nanos % 1_000_000,
    offsetMin,
  };
}

/** Go's time.Time.Format(time.RFC3339). */
export function rfc3339(t: ZonedTime): string {
  const f = fields(t);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${offsetText(t.offsetMin, true, true)}`;
}

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

/** Go's time.ParseDuration, in milliseconds ("1h30m", "-1.5s", "300ms"). */
export function parseDuration(s: string): number {
  const m = /^([-+]?)((?:\d*\.?\d+(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(s);
  if (!m) fail(`time: invalid duration "${s}"`);
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d*\.?\d+)(ns|us|µs|μs|ms|s|m|h)/g))
    total += Number(part[1]) * UNITS[part[2]!]!;
  return m[1] === '-' ? -total : total;
}
