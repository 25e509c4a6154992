import type { LoadedConfig } from '@kiln/core';

const NOTE = `Note: If your build names contain user variables or template
functions such as 'timestamp', these are processed at build time,
and therefore only show in their raw form here.
`;

function plain(display: string): string {
  try {
    const v = JSON.parse(display);
    return typeof v === 'string' ? v : display;
  } catch {
    return display;
  }
}

/** `packer inspect` for a legacy JSON template. */
export function inspectJson(c: LoadedConfig): string {
  let out = 'Packer Inspect: JSON mode\n';
  const required = c.variables.filter((v) => v.display === '<required>');
  const optional = c.variables.filter((v) => v.display !== '<required>');
  if (required.length) out += `Required variables:\n\n${required.map((v) => `  ${v.name}\n`).join('')}\n`;
  if (optional.length) {
    const w = Math.max(...optional.map((v) => v.name.length));
    out += `Optional variables and their defaults:\n\n${optional
      .map((v) => `  ${v.name.padEnd(w)} = ${plain(v.display)}\n`)
      .join('')}\n`;
  }
  if (c.variables.length === 0) out += 'Variables:\n\n  <No variables>\n\n';
  out += 'Builders:\n\n';
  if (c.builds.length === 0) out += '  <No builders>\n';
  for (const b of c.builds)
    out += b.name === b.sourceType ? `  ${b.name}\n` : `  ${b.name}  (${b.sourceType})\n`;
  out += '\nProvisioners:\n\n';
  const provs = c.builds[0]?.provisioners ?? [];
  if (provs.length === 0) out += '  <No provisioners>\n';
  for (const p of provs) out += `  ${p.type}\n`;
  return `${out}\n${NOTE}`;
}

/** `packer inspect` for an HCL2 configuration. */
export function inspectHcl(c: LoadedConfig): string {
  let out = 'Packer Inspect: HCL2 mode\n\n> input-variables:\n\n';
  for (const v of c.variables) out += `var.${v.name}: ${v.display}\n`;
  out += '\n> local-variables:\n\n';
  for (const l of c.locals ?? []) out += `local.${l.name}: ${l.display}\n`;
  out += '\n> builds:\n\n';
  const groups = new Map<string, typeof c.builds>();
  for (const b of c.builds) {
    const key = b.buildBlockName ?? '';
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  let i = 0;
  for (const [name, builds] of groups) {
    out += `  > ${name || `<unnamed build ${i}>`}:\n\n    sources:\n\n`;
    for (const b of builds) out += `      ${b.sourceType}.${b.sourceName}\n`;
    out += '\n    provisioners:\n\n';
    const provs = builds[0]?.provisioners ?? [];
    if (provs.length === 0) out += '      <no provisioner>\n';
    for (const p of provs) out += `      ${p.type}\n`;
    out += '\n    post-processors:\n\n';
    const chains = builds[0]?.postProcessors ?? [];
    if (chains.length === 0) out += '      <no post-processor>\n';
    chains.forEach((chain, n) => {
      out += `      ${n}:\n${chain.map((p) => `        ${p.type}\n`).join('')}`;
    });
    out += '\n';
    i++;
  }
  return out;
}
