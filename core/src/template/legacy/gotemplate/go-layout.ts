const MONTHS = [
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
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const TOKENS = [
  'January',
  'Monday',
  '2006',
  '-07:00:00',
  '-070000',
  '-07:00',
  '-0700',
  'Z07:00:00',
  'Z070000',
  'Z07:00',
  'Z0700',
  '-07',
  'Z07',
  'Jan',
  'Mon',
  'MST',
  '002',
  '_2',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '15',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Formats a time with a Go reference layout ("2006-01-02T15:04:05Z07:00"),
 * as Packer's `isotime` does. Times are formatted in UTC.
 */
export function formatGoTime(d: Date, layout: string): string {
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const digits = frac[1]!;
      let f = String(d.getUTCMilliseconds())
        .padStart(3, '0')
        .padEnd(digits.length, '0')
        .slice(0, digits.length);
      if (digits[0] === '9') f = f.replace(/0+$/, '');
      out += f ? layout[i] + f : '';
      i += frac[0].length;
      continue;
    }
    const tok = TOKENS.find((t) => layout.startsWith(t, i));
    if (!tok) {
      out += layout[i++];
      continue;
    }
    out += formatToken(d, tok);
    i += tok.length;
  }
  return out;
}

function formatToken(d: Date, tok: string): string {
  const h = d.getUTCHours();
  switch (tok) {
    case 'January':
      return MONTHS[d.getUTCMonth()]!;
    case 'Jan':
      return MONTHS[d.getUTCMonth()]!.slice(0, 3);
    case 'Monday':
      return DAYS[d.getUTCDay()]!;
    case 'Mon':
      return DAYS[d.getUTCDay()]!.slice(0, 3);
    case '2006':
      return String(d.getUTCFullYear());
    case '06':
      return pad(d.getUTCFullYear() % 100);
    case '01':
      return pad(d.getUTCMonth() + 1);
    case '1':
      return String(d.getUTCMonth() + 1);
    case '02':
      return pad(d.getUTCDate());
    case '_2':
      return String(d.getUTCDate()).padStart(2, ' ');
    case '2':
      return String(d.getUTCDate());
    case '002': {
      const start = Date.UTC(d.getUTCFullYear(), 0, 1);
      return pad(Math.floor((d.getTime() - start) / 86400000) + 1, 3);
    }
    case '15':
      return pad(h);
    case '03':
      return pad(h % 12 || 12);
    case '3':
      return String(h % 12 || 12);
    case '04':
      return pad(d.getUTCMinutes());
    case '4':
      return String(d.getUTCMinutes());
    case '05':
      return pad(d.getUTCSeconds());
    case '5':
      return String(d.getUTCSeconds());
    case 'PM':
      return h >= 12 ? 'PM' : 'AM';
    case 'pm':
      return h >= 12 ? 'pm' : 'am';
    case 'MST':
      return 'UTC';
    default:
      return tok.startsWith('Z') ? 'Z' : tok.replace(/07|00/g, '00');
  }
}
