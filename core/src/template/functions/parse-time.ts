import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { failArg, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';
import { DAYS, fields, MONTHS, rfc3339, type ZonedTime } from './time-parts.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Go's time.Parse with RFC3339Nano (or a space separator), as rfc3339_parse accepts. */
function parseLoose(s: string): ZonedTime | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac = '', off = 'Z'] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(se) > 59
  )
    return undefined;
  const offsetMin =
    off === 'Z' || off === 'z'
      ? 0
      : (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  const nanos = frac ? Number(frac.slice(1, 10).padEnd(9, '0')) : 0;
  const wall = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(se));
  return {
    epochMs: wall - offsetMin * 60_000 + Math.floor(nanos / 1_000_000),
    extraNanos: nanos % 1_000_000,
    offsetMin,
  };
}

/** Go's Time.ISOWeek. */
function isoWeek(year: number, month: number, day: number): [number, number] {
  const d = new Date(Date.UTC(year, month - 1, day));
  const wd = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - wd + 3); // the Thursday of this week decides the year
  const y = d.getUTCFullYear();
  const week = Math.floor((d.getTime() - Date.UTC(y, 0, 1)) / (7 * 86_400_000)) + 1;
  return [y, week];
}

/** The calendar fields both parse functions return, in the time's own offset. */
function parts(t: ZonedTime): Record<string, Value> {
  const f = fields(t);
  const [isoYear, week] = isoWeek(f.year, f.month, f.day);
  return {
    year: Value.number(f.year),
    year_day: Value.number(f.yearDay),
    day: Value.number(f.day),
    month: Value.number(f.month),
    month_name: Value.string(MONTHS[f.month - 1]!),
    weekday: Value.number(f.weekday),
    weekday_name: Value.string(DAYS[f.weekday]!),
    hour: Value.number(f.hour),
    minute: Value.number(f.minute),
    second: Value.number(f.second),
    iso_year: Value.number(isoYear),
    iso_week: Value.number(week),
  };
}

const FIELDS = {
  year: T.number,
  year_day: T.number,
  day: T.number,
  month: T.number,
  month_name: T.string,
  weekday: T.number,
  weekday_name: T.string,
  hour: T.number,
  minute: T.number,
  second: T.number,
  iso_year: T.number,
  iso_week: T.number,
};

const object = (attrs: Record<string, Value>) => Value.object(new Map(Object.entries(attrs)));

/** rfc3339_parse and unix_timestamp_parse (Packer 1.12+): a timestamp's calendar fields as an object. */
export const parseTimeFunctions: Record<string, FunctionSpec> = {
  rfc3339_parse: fn([param('timestamp', T.string)], T.object({ ...FIELDS, unix: T.number }), ([ts]) => {
    const t = parseLoose(ts!.str);
    if (!t) failArg(0, `"${ts!.str}" is not a valid RFC3339 timestamp`);
    return object({ ...parts(t), unix: Value.number(Math.floor(t.epochMs / 1000)) });
  }),
  unix_timestamp_parse: fn(
    [param('unix_timestamp', T.number)],
    T.object({ ...FIELDS, rfc3339: T.string }),
    ([n]) => {
      const s = n!.num;
      if (!Number.isInteger(s) || Math.abs(s) > 2 ** 63)
        failArg(
          0,
          'unix_timestamp must be a whole number of seconds representable as a 64-bit integer: value must be a whole number, between -9223372036854775808 and 9223372036854775807',
        );
      const t: ZonedTime = { epochMs: s * 1000, extraNanos: 0, offsetMin: 0 };
      return object({ ...parts(t), rfc3339: Value.string(rfc3339(t)) });
    },
  ),
};
