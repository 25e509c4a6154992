/** What `{{ .Name }}` may refer to in ami_name, ami_description and tags. */
export type RenderData = Record<string, string>;

const clean = (s: string): string => s.replace(/[^a-zA-Z0-9()[\] ./\-'@_]/g, '-');

/**
 * Expands what Packer's amazon plugin expands itself in names, descriptions
 * and tags (HCL2 strings arrive unexpanded): `{{timestamp}}`, `{{isotime}}`,
 * `{{uuid}}`, `{{ .SourceAMI }}`-style fields, `{{clean_resource_name "x"}}`
 * and `| clean_resource_name` pipes.
 */
export function render(text: string, now: Date, data: RenderData = {}): string {
  return text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (whole, expr: string) => {
    const [head = '', ...pipes] = expr.split('|').map((p) => p.trim());
    let value = term(head, now, data);
    if (value === undefined) return whole;
    for (const p of pipes) {
      if (p === 'clean_resource_name' || p === 'clean_ami_name') value = clean(value);
      else return whole;
    }
    return value;
  });
}

function term(t: string, now: Date, data: RenderData): string | undefined {
  if (t === 'timestamp') return String(Math.floor(now.getTime() / 1000));
  if (t === 'isotime') return now.toISOString();
  const iso = /^isotime\s+"(.*)"$/.exec(t);
  if (iso) return goLayout(now, iso[1] ?? '');
  if (t === 'uuid') return crypto.randomUUID();
  if (t.startsWith('.')) return data[t.slice(1)];
  const call = /^(clean_resource_name|clean_ami_name)\s+(.+)$/.exec(t);
  if (call?.[2]) {
    const inner = /^"(.*)"$/.exec(call[2]);
    const v = inner ? inner[1] : term(call[2].replace(/^\(|\)$/g, '').trim(), now, data);
    return v === undefined ? undefined : clean(v);
  }
  const quoted = /^"(.*)"$/.exec(t);
  return quoted ? quoted[1] : undefined;
}

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

/** Formats a time (UTC) with a Go reference layout ("2006-01-02T15:04:05Z07:00"), as `isotime "layout"`. */
export function goLayout(d: Date, layout: string): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const h12 = d.getUTCHours() % 12 || 12;
  const tokens: [string, () => string][] = [
    ['January', () => MONTHS[d.getUTCMonth()] ?? ''],
    ['Monday', () => DAYS[d.getUTCDay()] ?? ''],
    ['Z07:00', () => 'Z'],
    ['-07:00', () => '+00:00'],
    ['-0700', () => '+0000'],
    ['2006', () => String(d.getUTCFullYear())],
    ['.000', () => `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`],
    ['Jan', () => (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3)],
    ['Mon', () => (DAYS[d.getUTCDay()] ?? '').slice(0, 3)],
    ['MST', () => 'UTC'],
    ['01', () => p2(d.getUTCMonth() + 1)],
    ['02', () => p2(d.getUTCDate())],
    ['06', () => p2(d.getUTCFullYear() % 100)],
    ['15', () => p2(d.getUTCHours())],
    ['03', () => p2(h12)],
    ['04', () => p2(d.getUTCMinutes())],
    ['05', () => p2(d.getUTCSeconds())],
    ['PM', () => (d.getUTCHours() < 12 ? 'AM' : 'PM')],
    ['1', () => String(d.getUTCMonth() + 1)],
    ['2', () => String(d.getUTCDate())],
    ['3', () => String(h12)],
  ];
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const [tok, f] of tokens) {
      if (layout.startsWith(tok, i)) {
        out += f();
        i += tok.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}
