import { goTimeFormat } from '@kiln/plugin-sdk';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, failArg, fn, param } from './define.js';
import { FunctionError, type FunctionSpec } from './spec.js';
import { strftime } from './strftime.js';
import {
  DAYS,
  fields,
  MONTHS,
  offsetText,
  pad,
  parseDuration,
  parseRfc3339,
  rfc3339,
  type ZonedTime,
} from './time-parts.js';

const now = (): ZonedTime => ({ epochMs: Date.now(), extraNanos: 0, offsetMin: 0 });

/** Terraform/Packer formatdate: YYYY YY MMMM MMM MM M DD D EEEE EEE hh h HH H AA aa mm m ss s ZZZZZ ZZZZ ZZZ Z, 'quoted literals'. */
export function formatDate(spec: string, t: ZonedTime): string {
  const f = fields(t);
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const verbs: Record<string, string> = {
    YYYY: pad(f.year, 4),
    YY: pad(f.year % 100),
    MMMM: MONTHS[f.month - 1]!,
    MMM: MONTHS[f.month - 1]!.slice(0, 3),
    MM: pad(f.month),
    M: String(f.month),
    DD: pad(f.day),
    D: String(f.day),
    EEEE: DAYS[f.weekday]!,
    EEE: DAYS[f.weekday]!.slice(0, 3),
    hh: pad(f.hour),
    h: String(f.hour),
    HH: pad(h12),
    H: String(h12),
    AA: f.hour < 12 ? 'AM' : 'PM',
    aa: f.hour < 12 ? 'am' : 'pm',
    mm: pad(f.minute),
    m: String(f.minute),
    ss: pad(f.second),
    s: String(f.second),
    ZZZZZ: offsetText(t.offsetMin, true, false),
    ZZZZ: offsetText(t.offsetMin, false, false),
    ZZZ: t.offsetMin === 0 ? 'UTC' : offsetText(t.offsetMin, false, false),
    Z: offsetText(t.offsetMin, true, true),
  };
  let out = '';
  let i = 0;
  while (i < spec.length) {
    const c = spec[i]!;
    if (c === "'") {
      const [text, next] = quoted(spec, i);
      out += text;
      i = next;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (spec[j] === c) j++;
      const tok = spec.slice(i, j);
      const v = verbs[tok];
      if (v === undefined) failArg(0, `invalid date format verb "${tok}"`);
      out += v;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** A 'quoted literal' starting at `i` ('' inside it, or alone, is a quote): its text and the index after it. */
function quoted(spec: string, i: number): [string, number] {
  if (spec[i + 1] === "'") return ["'", i + 2];
  let text = '';
  let j = i + 1;
  for (;;) {
    if (j >= spec.length) fail("unterminated literal '");
    if (spec[j] === "'") {
      if (spec[j + 1] !== "'") return [text, j + 1];
      text += "'";
      j += 2;
      continue;
    }
    text += spec[j];
    j++;
  }
}

/** timestamp, formatdate, timeadd, legacy_isotime, legacy_strftime. */
export const datetimeFunctions: Record<string, FunctionSpec> = {
  timestamp: fn([], T.string, () => Value.string(rfc3339(now()))),
  formatdate: fn([param('format', T.string), param('time', T.string)], T.string, ([f, t]) => {
    let z: ZonedTime;
    try {
      z = parseRfc3339(t!.str);
    } catch (e) {
      if (e instanceof FunctionError) failArg(1, e.message);
      throw e;
    }
    return Value.string(formatDate(f!.str, z));
  }),
  timeadd: fn([param('timestamp', T.string), param('duration', T.string)], T.string, ([t, d]) => {
    const z = parseRfc3339(t!.str);
    return Value.string(rfc3339({ ...z, epochMs: z.epochMs + Math.trunc(parseDuration(d!.str)) }));
  }),
  legacy_isotime: fn(
    [],
    T.string,
    ([f]) => Value.string(goTimeFormat(f ? f.str : '2006-01-02T15:04:05Z07:00', now())),
    param('format', T.string),
  ),
  // Packer declares the format as an optional extra argument; without one it
  // prints RFC 3339.
  legacy_strftime: fn(
    [],
    T.string,
    ([f]) => Value.string(f ? strftime(f.str, now()) : rfc3339(now())),
    param('format', T.string),
  ),
};
