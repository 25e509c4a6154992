import { DurationError, fields, offsetText, pad, parseGoDuration, type ZonedTime } from '@kiln/plugin-sdk';
import { fail } from './define.js';

export { DAYS, fields, MONTHS, offsetText, pad, type ZonedTime } from '@kiln/plugin-sdk';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp, as formatdate and timeadd require; errors in cty's words. */
export function parseRfc3339(s: string): ZonedTime {
  const m = RFC3339.exec(s);
  if (!m) fail(`not a valid RFC3339 timestamp${goParseProblem(s)}`);
  const [, y, mo, d, h, mi, se, frac = '', off = 'Z'] = m;
  const offsetMin =
    off === 'Z' || off === 'z'
      ? 0
      : (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  const nanos = frac ? Number(frac.slice(1, 10).padEnd(9, '0')) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const problem = goParseProblem(s);
  if (problem) fail(`not a valid RFC3339 timestamp${problem}`);
  return {
    epochMs: wall - offsetMin * 60_000 + Math.floor(nanos / 1_000_000),
    extraNanos: nanos % 1_000_000,
    offsetMin,
  };
}

const WHAT: Record<string, string> = {
  '2006': 'year',
  '01': 'month',
  '02': 'day of month',
  '15': 'hour',
  '04': 'minute',
  '05': 'second',
  'Z07:00': 'UTC offset',
};

/**
 * Why Go's time.Parse(time.RFC3339, s) fails, as cty's parseTimestamp words
 * it (": cannot use "x" as year", ": missing required time introducer 'T'"),
 * or "" when it parses.
 */
function goParseProblem(s: string): string {
  let v = s;
  const bad = (layoutElem: string, valueElem: string): string => {
    if (layoutElem === 'T') return ": missing required time introducer 'T'";
    if (layoutElem === ':' || layoutElem === '-')
      return valueElem === ''
        ? `: end of string where "${layoutElem}" is expected`
        : `: found "${valueElem}" where "${layoutElem}" is expected`;
    const what = WHAT[layoutElem] ?? 'timestamp segment';
    if (valueElem === '') return `: end of string before ${what}`;
    if (what === 'hour' && valueElem.includes(':')) return ': hour must be between 0 and 23 inclusive';
    if (what === 'hour' && valueElem.length !== 2) return ': hour must have exactly two digits';
    if (what === 'minute' && valueElem.length !== 2) return ': minute must have exactly two digits';
    return `: cannot use "${valueElem}" as ${what}`;
  };
  const num = (elem: string, fixed: boolean, lo: number, hi: number): number | string => {
    const mm = (fixed ? /^\d{2}/ : /^\d{1,2}/).exec(v);
    if (!mm) return bad(elem, v);
    v = v.slice(mm[0].length);
    const n = Number(mm[0]);
    return n < lo || n > hi ? bad(elem, v) : n;
  };
  const lit = (c: string): string | undefined => {
    if (!v.startsWith(c)) return bad(c, v);
    v = v.slice(c.length);
    return undefined;
  };
  if (!/^\d{4}/.test(v)) return bad('2006', v);
  const year = Number(v.slice(0, 4));
  v = v.slice(4);
  const fields: number[] = [];
  const steps: (() => string | number | undefined)[] = [
    () => lit('-'),
    () => num('01', true, 1, 12),
    () => lit('-'),
    () => num('02', true, 0, 31),
    () => lit('T'),
    () => num('15', false, 0, 23),
    () => lit(':'),
    () => num('04', true, 0, 59),
    () => lit(':'),
    () => num('05', true, 0, 59),
  ];
  for (const step of steps) {
    const r = step();
    if (typeof r === 'string') return r;
    if (typeof r === 'number') fields.push(r);
  }
  const [month, day] = fields as [number, number];
  const frac = /^\.\d+/.exec(v);
  if (frac) v = v.slice(frac[0].length);
  if (v.startsWith('Z')) v = v.slice(1);
  else if (/^[+-]\d{2}:\d{2}/.test(v)) v = v.slice(6);
  else return bad('Z07:00', v);
  if (v !== '') return bad('', v);
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysIn) return ': day out of range';
  return '';
}

/** Go's time.Time.Format(time.RFC3339). */
export function rfc3339(t: ZonedTime): string {
  const f = fields(t);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${offsetText(t.offsetMin, true, true)}`;
}

/** Go's time.ParseDuration, in milliseconds ("1h30m", "-1.5s", "300ms"), failing the call with Go's message. */
export function parseDuration(s: string): number {
  try {
    return parseGoDuration(s);
  } catch (e) {
    if (e instanceof DurationError) fail(e.message);
    throw e;
  }
}
