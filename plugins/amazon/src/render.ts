import { formatGoTime } from '@kiln/plugin-sdk';

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
  if (iso) return formatGoTime(now, iso[1] ?? '');
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
