import type { BuildBlockSummary } from '../../../config/model.js';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { EvalScope } from '../eval/scope.js';
import type { Block } from '../syntax/ast.js';
import { MetaReader } from './meta.js';

/**
 * The build blocks as `packer inspect` lists them: the sources they use and
 * every provisioner and post-processor, whatever their `only`/`except`. As in
 * Packer, a block whose name, description, sources or component
 * meta-arguments fail to evaluate is left out.
 */
export function summarizeBuilds(blocks: Block[], scope: EvalScope): BuildBlockSummary[] {
  const out: BuildBlockSummary[] = [];
  for (const build of blocks) {
    const diags: TemplateDiagnostic[] = [];
    const meta = new MetaReader(build.body, scope, diags);
    const name = meta.string('name');
    const description = meta.string('description');
    const sources = meta.strings('sources').map((r) => r.replace(/^source\./, ''));
    const provisioners: string[] = [];
    const postProcessors: string[][] = [];
    const component = (b: Block) => {
      const m = new MetaReader(b.body, scope, diags);
      // Decoded as a build decodes them, so a bad value leaves the block out as in Packer.
      m.strings('only');
      m.strings('except');
      if (b.type === 'provisioner') {
        m.count('max_retries');
        m.durationMs('pause_before');
        m.durationMs('timeout');
      } else m.bool('keep_input_artifact');
      const n = m.string('name');
      const t = b.labels[0]?.value ?? '';
      return n ? `${t}.${n}` : t;
    };
    for (const b of build.body.blocks) {
      if (b.type === 'source') {
        const ref = (b.labels[0]?.value ?? '').replace(/^source\./, '');
        const local = new MetaReader(b.body, scope, diags).string('name');
        sources.push(local ? `${ref.split('.')[0]}.${local}` : ref);
      } else if (b.type === 'provisioner') provisioners.push(component(b));
      else if (b.type === 'post-processor') postProcessors.push([component(b)]);
      else if (b.type === 'post-processors')
        postProcessors.push(b.body.blocks.filter((p) => p.type === 'post-processor').map(component));
    }
    if (sources.length === 0 || diags.some((d) => d.severity === 'error')) continue;
    out.push({
      ...(name ? { name } : {}),
      ...(description ? { description } : {}),
      sources,
      provisioners,
      postProcessors,
    });
  }
  return out;
}
