import type { Provisioner } from '@kiln/plugin-sdk';
import { prepareShellLocal, shellLocalSchema } from '../shell-local/config.js';
import { runShellLocal } from '../shell-local/run.js';

/** The `shell-local` provisioner: runs commands on this host, not on the machine. */
export const shellLocalProvisioner: Provisioner = {
  schema: shellLocalSchema,
  description: shellLocalSchema.description,
  async prepare(raw, build) {
    const plan = prepareShellLocal(raw, build);
    return {
      provision: (ctx) => runShellLocal(plan, ctx.ui, ctx.generatedData ?? {}, ctx.signal),
    };
  },
};
