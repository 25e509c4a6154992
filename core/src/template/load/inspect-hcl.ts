import type { BuildBlockSummary, LoadedConfig } from '../../config/model.js';
import { byBytes, goQuote, printable } from '../hcl/eval/console-format.js';
import type { EvalScope } from '../hcl/eval/scope.js';
import type { Value } from '../hcl/eval/value.js';
import type { InspectEvent } from './inspect.js';

/** Packer's HCL2 inspect: its three messages (title, variables and locals, builds). */
export function inspectHclEvents(c: LoadedConfig): InspectEvent[] {
  const builds = `> builds:\n${(c.buildBlocks ?? []).map(buildBlock).join('')}`;
  return [{ say: 'Packer Inspect: HCL2 mode\n' }, { say: variablesText(c.scope) }, { say: builds }];
}

/**
 * The input variables and locals of a scope, sorted, each value printed as
 * the console prints it and quoted: what Packer's inspect and its console's
 * `variables` show (unmasked: the caller masks sensitive values).
 */
export function variablesText(scope: EvalScope | undefined): string {
  const section = (root: string) => {
    const v = scope?.variables.get(root);
    if (!v?.isKnown || v.isNull) return '';
    return [...v.attrs]
      .sort(([a], [b]) => byBytes(a, b))
      .map(([k, x]) => `${root}.${k}: ${goQuote(printable(x))}\n`)
      .join('');
  };
  return `> input-variables:\n\n${section('var')}\n> local-variables:\n\n${section('local')}`;
}

function buildBlock(b: BuildBlockSummary, i: number): string {
  let out = `\n  > ${b.name || `<unnamed build ${i}>`}:\n`;
  if (b.description) out += `\n  > Description: ${b.description}\n`;
  out += '\n    sources:\n';
  if (b.sources.length === 0) out += '\n      <no source>\n';
  for (const s of b.sources) out += `\n      ${s}\n`;
  out += '\n    provisioners:\n\n';
  if (b.provisioners.length === 0) out += '      <no provisioner>\n';
  for (const p of b.provisioners) out += `      ${p}\n`;
  out += '\n    post-processors:\n';
  if (b.postProcessors.length === 0) out += '\n      <no post-processor>\n';
  b.postProcessors.forEach((chain, n) => {
    out += `\n      ${n}:\n${chain.map((p) => `        ${p}\n`).join('')}`;
  });
  return out;
}
