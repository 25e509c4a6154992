import type { Artifact, RunContext, Ui } from '@kiln/plugin-sdk';
import { buildUi } from '../ui/build-ui.js';
import type { OutputSink } from '../ui/events.js';
import { ArtifactList, sameArtifact } from './artifact-list.js';
import { needsGenerated } from './needs-generated.js';
import type { PreparedBuild, ReadyPostProcessor } from './types.js';

/** What the post-processor chains leave: the build's artifacts and any errors. */
export interface PostProcessOutcome {
  artifacts: Artifact[];
  errors: string[];
}

interface Owned {
  artifact: Artifact;
  destroy: () => Promise<void>;
}

/**
 * Runs each post-processor chain on the builder's artifact with Packer's
 * keep_input_artifact rules: an input artifact is destroyed unless the user
 * or the post-processor keeps it (the user's choice wins unless the
 * post-processor forces keeping). A failed chain stops; the others still run.
 */
export async function postProcess(
  build: PreparedBuild,
  builderArtifact: Artifact,
  sink: OutputSink,
  ui: Ui,
  ctx: Omit<RunContext, 'ui'>,
  generatedData: Record<string, unknown>,
): Promise<PostProcessOutcome> {
  const kept = new ArtifactList();
  const doomed: Owned[] = [];
  const errors: string[] = [];
  const original: Owned = {
    artifact: builderArtifact,
    destroy: async () => build.builder.destroyArtifact?.(builderArtifact),
  };
  let keepOriginal = build.chains.length === 0;
  for (const chain of build.chains) {
    let prior = original;
    let failed = false;
    for (const [i, pp] of chain.entries()) {
      if (ctx.signal.aborted) {
        errors.push('Build was cancelled.');
        failed = true;
        break;
      }
      ui.say(`Running post-processor: ${label(pp)}`);
      let result: Awaited<ReturnType<ReadyPostProcessor['prepared']['postProcess']>>;
      try {
        const prepared = needsGenerated(pp.config, generatedData)
          ? await pp.component.configure(pp.config.evaluate(generatedData), build.context)
          : pp.prepared;
        result = await prepared.postProcess(
          { ...ctx, ui: buildUi(sink, build.plan.name, pp.config.type) },
          prior.artifact,
        );
      } catch (error) {
        errors.push(`Post-processor failed: ${(error as Error).message ?? error}`);
        failed = true;
        break;
      }
      let keep = result.keep;
      const userKeep = pp.config.keepInputArtifact;
      if (userKeep !== undefined && !(result.keep && !userKeep && result.forceOverride)) keep = userKeep;
      if (i === 0) keepOriginal ||= keep;
      else if (keep) kept.add(prior.artifact);
      else doomed.push(prior);
      if (!result.artifact) {
        failed = true;
        break;
      }
      const produced = result.artifact;
      prior = { artifact: produced, destroy: async () => pp.component.destroyArtifact?.(produced) };
    }
    if (prior !== original && !doomed.includes(prior)) kept.add(prior.artifact);
    if (failed && chain.length === 0) keepOriginal = true;
  }
  const artifacts = keepOriginal ? [builderArtifact, ...kept.items] : kept.items;
  const list = new ArtifactList();
  for (const a of artifacts) list.add(a);
  if (!keepOriginal) doomed.push(original);
  for (const d of doomed) {
    if (list.items.some((a) => sameArtifact(a, d.artifact))) continue;
    try {
      await d.destroy();
    } catch (error) {
      errors.push(`Failed cleaning up artifact ${d.artifact.id}: ${(error as Error).message ?? error}`);
    }
  }
  return { artifacts: list.items, errors };
}

function label(pp: ReadyPostProcessor): string {
  const { displayName, type } = pp.config;
  return displayName && displayName !== type ? `${displayName} (type ${type})` : type;
}
