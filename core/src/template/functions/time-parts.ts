import { fail } from './define.js';

/** A moment with the UTC offset it was written in (what Go's time.Time keeps). */
export interface ZonedTime {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** Sub-millisecond nanoseconds (0-999999 beyond epochMs' milliseconds). */
  extraNanos: number;
  /** Offset east of UTC, in minutes. */
  offsetMin: number;
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Wall-clock fields of a zoned time in its own offset. */
export function fields(t: ZonedTime) {
  const d = new Date(t.epochMs + t.offsetMin * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nanos: d.getUTCMilliseconds() * 1_000_000 + t.extraNanos,
    weekday: d.getUTCDay(),
    yearDay:
      Math.floor(
        (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
          86_400_000,
      ) + 1,
  };
}

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

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "+07:00" style offset (or "Z" when `zulu` and the offset is 0). */
export function offsetText(min: number, colon: boolean, zulu: boolean): string {
  if (zulu && min === 0) return 'Z';
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
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
