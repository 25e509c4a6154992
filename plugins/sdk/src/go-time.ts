/**
 * Go's time formatting with reference layouts ("2006-01-02T15:04:05Z07:00"),
 * shared by the template functions (legacy_isotime, {{isotime}}) and by plugins
 * that render Packer-style names.
 */
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

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');

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

/** "+07:00" style offset (or "Z" when `zulu` and the offset is 0). */
export function offsetText(min: number, colon: boolean, zulu: boolean): string {
  if (zulu && min === 0) return 'Z';
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

const TOKENS = [
  '2006',
  'January',
  'Monday',
  '-07:00:00',
  '-070000',
  'Z07:00:00',
  'Z070000',
  'Z07:00',
  'Z0700',
  'Z07',
  '-07:00',
  '-0700',
  '-07',
  'Jan',
  'Mon',
  'MST',
  '01',
  '02',
  '_2',
  '002',
  '03',
  '04',
  '05',
  '06',
  '15',
  'PM',
  'pm',
  '.000000000',
  '.000000',
  '.000',
  '.999999999',
  '.999999',
  '.999',
  ',000',
  '1',
  '2',
  '3',
  '4',
  '5',
];

/** Go's time.Time.Format with a reference layout ("2006-01-02T15:04:05Z07:00"), as legacy_isotime uses. */
export function goTimeFormat(layout: string, t: ZonedTime): string {
  const f = fields(t);
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const frac = (digits: number, trim: boolean) => {
    let s = pad(f.nanos, 9).slice(0, digits);
    if (trim) s = s.replace(/0+$/, '');
    return s ? `.${s}` : '';
  };
  const render: Record<string, () => string> = {
    '2006': () => pad(f.year, 4),
    '06': () => pad(f.year % 100),
    January: () => MONTHS[f.month - 1]!,
    Jan: () => MONTHS[f.month - 1]!.slice(0, 3),
    '01': () => pad(f.month),
    '1': () => String(f.month),
    Monday: () => DAYS[f.weekday]!,
    Mon: () => DAYS[f.weekday]!.slice(0, 3),
    '02': () => pad(f.day),
    _2: () => String(f.day).padStart(2, ' '),
    '2': () => String(f.day),
    '002': () => pad(f.yearDay, 3),
    '15': () => pad(f.hour),
    '03': () => pad(h12),
    '3': () => String(h12),
    '04': () => pad(f.minute),
    '4': () => String(f.minute),
    '05': () => pad(f.second),
    '5': () => String(f.second),
    PM: () => (f.hour < 12 ? 'AM' : 'PM'),
    pm: () => (f.hour < 12 ? 'am' : 'pm'),
    MST: () => (t.offsetMin === 0 ? 'UTC' : offsetText(t.offsetMin, false, false)),
    'Z07:00': () => offsetText(t.offsetMin, true, true),
    Z0700: () => offsetText(t.offsetMin, false, true),
    Z07: () => (t.offsetMin === 0 ? 'Z' : offsetText(t.offsetMin, false, false).slice(0, 3)),
    'Z07:00:00': () => (t.offsetMin === 0 ? 'Z' : `${offsetText(t.offsetMin, true, false)}:00`),
    Z070000: () => (t.offsetMin === 0 ? 'Z' : `${offsetText(t.offsetMin, false, false)}00`),
    '-07:00': () => offsetText(t.offsetMin, true, false),
    '-0700': () => offsetText(t.offsetMin, false, false),
    '-07': () => offsetText(t.offsetMin, false, false).slice(0, 3),
    '-07:00:00': () => `${offsetText(t.offsetMin, true, false)}:00`,
    '-070000': () => `${offsetText(t.offsetMin, false, false)}00`,
    '.000': () => frac(3, false),
    '.000000': () => frac(6, false),
    '.000000000': () => frac(9, false),
    ',000': () => frac(3, false).replace('.', ','),
    '.999': () => frac(3, true),
    '.999999': () => frac(6, true),
    '.999999999': () => frac(9, true),
  };
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const tok of TOKENS) {
      if (layout.startsWith(tok, i)) {
        out += render[tok]!();
        i += tok.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}

/** Formats a date in UTC with a Go reference layout, as `{{isotime "layout"}}`. */
export function formatGoTime(d: Date, layout: string): string {
  return goTimeFormat(layout, { epochMs: d.getTime(), extraNanos: 0, offsetMin: 0 });
}
