import type { Artifact, Builder, ConfigSchema, ProvisionState } from '@kiln/plugin-sdk';
import { runSteps, stepConnect, stepProvision } from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';

/** Artifact builder id of the null builder (Packer's). */
export const NULL_BUILDER_ID = 'fnoeding.null';

const sshAttributes = [
  'ssh_host',
  'ssh_port',
  'ssh_username',
  'ssh_password',
  'ssh_private_key_file',
  'ssh_timeout',
  'ssh_agent_auth',
  'ssh_bastion_host',
  'winrm_host',
  'winrm_username',
  'winrm_password',
];

/** Schema of the `null` builder. */
export const nullBuilderSchema: ConfigSchema = {
  description: 'Makes no machine: runs the provisioners (with no communicator) and exports nothing.',
  attributes: {
    communicator: {
      type: 'string',
      default: 'none',
      description: 'Only "none" for now; provisioners that need a machine (shell, file) then fail.',
    },
    ...Object.fromEntries(
      sshAttributes.map((name) => [
        name,
        { type: 'any', description: 'Accepted for Packer templates; unused.' },
      ]),
    ),
  },
};

/** The `null` builder. */
export const nullBuilder: Builder = {
  schema: nullBuilderSchema,
  description: nullBuilderSchema.description,
  async prepare(raw) {
    const { cfg, diags } = decodeBuiltin<{ communicator: string }>(nullBuilderSchema, raw);
    if (cfg.communicator !== 'none') {
      diags.error(
        `communicator "${cfg.communicator}" is not supported by the null builder yet`,
        ['communicator'],
        'Use communicator = "none" (provisioners such as shell-local and breakpoint still run).',
      );
    }
    diags.throwIfErrors();
    return {
      async run(ctx) {
        const state: ProvisionState = { hook: ctx.hook, generatedData: {} };
        await runSteps(
          [stepConnect<ProvisionState>({ type: () => 'none' }), stepProvision<ProvisionState>()],
          state,
          ctx,
        );
        const artifact: Artifact = {
          builderId: NULL_BUILDER_ID,
          id: 'Null',
          files: [],
          description: 'Did not export anything. This is the null builder',
          state: {},
          producer: { kind: 'builder', type: 'null' },
        };
        return artifact;
      },
    };
  },
};
