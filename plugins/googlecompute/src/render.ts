import { randomUUID } from 'node:crypto';
import { formatGoTime } from '@kiln/plugin-sdk';

const clean = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 63);

/**
 * Expands what Packer's googlecompute plugin expands itself in names and
 * descriptions (HCL2 strings arrive unexpanded): `{{timestamp}}`,
 * `{{isotime}}`, `{{uuid}}` and `clean_resource_name` (a call or a pipe).
 */
export function render(text: string, now: Date): string {
  return text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (whole, expr: string) => {
    const [head = '', ...pipes] = expr.split('|').map((p) => p.trim());
    let value = term(head, now);
    if (value === undefined) return whole;
    for (const p of pipes) {
      if (p === 'clean_resource_name' || p === 'clean_image_name') value = clean(value);
      else return whole;
    }
    return value;
  });
}

function term(t: string, now: Date): string | undefined {
  if (t === 'timestamp') return String(Math.floor(now.getTime() / 1000));
  if (t === 'isotime') return now.toISOString();
  const iso = /^isotime\s+"(.*)"$/.exec(t);
  if (iso) return formatGoTime(now, iso[1] ?? '');
  if (t === 'uuid') return randomUUID();
  const call = /^(clean_resource_name|clean_image_name)\s+(.+)$/.exec(t);
  if (call?.[2]) {
    const inner = /^"(.*)"$/.exec(call[2]);
    const v = inner ? inner[1] : term(call[2].replace(/^\(|\)$/g, '').trim(), now);
    return v === undefined ? undefined : clean(v);
  }
  const quoted = /^"(.*)"$/.exec(t);
  return quoted ? quoted[1] : undefined;
}
