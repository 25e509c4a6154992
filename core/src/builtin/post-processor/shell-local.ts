import type { PostProcessor } from '@kiln/plugin-sdk';
import { prepareShellLocal, shellLocalSchema } from '../shell-local/config.js';
import { runShellLocal } from '../shell-local/run.js';
import { generatedDataOf } from './artifact-data.js';

/**
 * The `shell-local` post-processor: runs commands on this host after the
 * build; always keeps and passes on its input artifact.
 */
export const shellLocalPostProcessor: PostProcessor = {
  schema: shellLocalSchema,
  description: shellLocalSchema.description,
  async configure(raw, build) {
    const plan = prepareShellLocal(raw, build);
    return {
      async postProcess(ctx, artifact) {
        await runShellLocal(plan, ctx.ui, generatedDataOf(artifact), ctx.signal);
        return { artifact, keep: true, forceOverride: true };
      },
    };
  },
};
