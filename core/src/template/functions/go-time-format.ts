import { DAYS, fields, MONTHS, offsetText, pad, type ZonedTime } from './time-parts.js';

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
