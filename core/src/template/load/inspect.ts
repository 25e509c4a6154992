import type { LoadedConfig } from '../../config/model.js';

/** What `inspect` shows about a configuration, as plain data. */
export interface InspectData {
  format: 'json' | 'hcl';
  variables: { name: string; value: string; sensitive: boolean; required: boolean; description?: string }[];
  locals: { name: string; value: string }[];
  sources: { type: string; name: string }[];
  builds: {
    name: string;
    /** The HCL build block's name, when it has one. */
    block?: string;
    source: string;
    provisioners: string[];
    /** One list per chain. */
    postProcessors: string[][];
  }[];
}

/** Collects inspect data from a loaded configuration. */
export function inspectConfig(c: LoadedConfig): InspectData {
  return {
    format: c.format,
    variables: c.variables.map((v) => ({
      name: v.name,
      value: v.display,
      sensitive: v.sensitive,
      required: v.display === '<required>' || v.display === '<unknown>',
      ...(v.description ? { description: v.description } : {}),
    })),
    locals: (c.locals ?? []).map((l) => ({ name: l.name, value: l.display })),
    sources: c.sources.map((s) => ({ type: s.type, name: s.name })),
    builds: c.builds.map((b) => ({
      name: b.name,
      ...(b.buildBlockName ? { block: b.buildBlockName } : {}),
      source: `${b.sourceType}.${b.sourceName}`,
      provisioners: b.provisioners.map((p) =>
        p.displayName !== p.type ? `${p.displayName} (${p.type})` : p.type,
      ),
      postProcessors: b.postProcessors.map((ch) =>
        ch.map((p) => (p.displayName !== p.type ? `${p.displayName} (${p.type})` : p.type)),
      ),
    })),
  };
}

/** Renders inspect data the way `packer inspect` prints it. */
export function formatInspect(d: InspectData): string {
  return d.format === 'hcl' ? formatHcl(d) : formatLegacy(d);
}

function formatHcl(d: InspectData): string {
  const out = ['Packer Inspect: HCL2 mode', '', '> input-variables:', ''];
  for (const v of d.variables) out.push(`var.${v.name}: ${v.value}`);
  if (d.variables.length) out.push('');
  out.push('> local-variables:', '');
  for (const l of d.locals) out.push(`local.${l.name}: ${l.value}`);
  if (d.locals.length) out.push('');
  out.push('> builds:', '');
  const groups = new Map<string, InspectData['builds']>();
  for (const b of d.builds) {
    const key = b.block ?? '';
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  for (const [block, builds] of groups) {
    out.push(`  > ${block || '<unnamed build>'}:`, '', '    sources:', '');
    for (const b of builds) out.push(`      ${b.source}`);
    out.push('');
    const first = builds[0]!;
    out.push('    provisioners:', '');
    out.push(
      ...(first.provisioners.length
        ? first.provisioners.map((p) => `      ${p}`)
        : ['      <no provisioner>']),
    );
    out.push('', '    post-processors:', '');
    if (first.postProcessors.length === 0) out.push('      <no post-processor>');
    first.postProcessors.forEach((ch, i) => {
      out.push(`      ${i}:`);
      for (const p of ch) out.push(`        ${p}`);
    });
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function formatLegacy(d: InspectData): string {
  const out: string[] = ['Packer Inspect: JSON mode'];
  const required = d.variables.filter((v) => v.required);
  const optional = d.variables.filter((v) => !v.required);
  if (required.length) {
    out.push('Required variables:', '');
    for (const v of required) out.push(`  ${v.name}`);
    out.push('');
  }
  if (optional.length) {
    const w = Math.max(...optional.map((v) => v.name.length));
    out.push('Optional variables and their defaults:', '');
    for (const v of optional)
      out.push(`  ${v.name.padEnd(w)} = ${v.sensitive ? '<sensitive>' : unquote(v.value)}`);
    out.push('');
  }
  out.push('Builders:', '');
  for (const s of d.sources)
    out.push(s.type === s.name ? `  ${s.type}` : `  ${s.name.padEnd(20)} (${s.type})`);
  out.push('', 'Provisioners:', '');
  const provs = d.builds[0]?.provisioners ?? [];
  out.push(...(provs.length ? provs.map((p) => `  ${p}`) : ['  <No provisioners>']));
  out.push(
    '',
    'Note: If your build names contain user variables or template',
    "functions such as 'timestamp', these are processed at build time,",
    'and therefore only show in their raw form here.',
  );
  return `${out.join('\n')}\n`;
}

function unquote(s: string): string {
  try {
    const v = JSON.parse(s);
    return typeof v === 'string' ? v : s;
  } catch {
    return s;
  }
}
