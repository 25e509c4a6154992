import type { Artifact, Builder, ConfigSchema, ProvisionState, Step } from '@kiln/plugin-sdk';
import { runSteps, ssh, stepConnect, stepProvision } from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';

/** Artifact builder id of the null builder (Packer's). */
export const NULL_BUILDER_ID = 'fnoeding.null';

const winrmAttributes = ['winrm_host', 'winrm_username', 'winrm_password'];

/** Schema of the `null` builder. */
export const nullBuilderSchema: ConfigSchema = {
  description:
    'Makes no machine: runs the provisioners against an existing machine over SSH (communicator = "ssh" with ssh_host), or with no communicator, and exports nothing.',
  attributes: {
    ...ssh.communicatorAttributes,
    communicator: {
      type: 'string',
      description: '"ssh" (the default when ssh_host is set) or "none" (the default otherwise).',
    },
    ...Object.fromEntries(
      winrmAttributes.map((name) => [
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
    const { cfg, diags } = decodeBuiltin<Record<string, unknown>>(nullBuilderSchema, raw);
    const type =
      typeof cfg.communicator === 'string' && cfg.communicator !== '' ? cfg.communicator : undefined;
    const withSsh =
      type === 'ssh' || (type === undefined && typeof cfg.ssh_host === 'string' && cfg.ssh_host !== '');
    if (type !== undefined && type !== 'ssh' && type !== 'none') {
      diags.error(
        `communicator "${type}" is not supported by the null builder yet`,
        ['communicator'],
        'Use communicator = "ssh" with ssh_host, or "none" (provisioners such as shell-local and breakpoint still run).',
      );
    }
    const comm = withSsh ? ssh.decodeCommunicatorConfig({ ...cfg, communicator: 'ssh' }, diags) : undefined;
    if (comm && !comm.host)
      diags.error(
        'ssh_host must be specified with the ssh communicator',
        ['ssh_host'],
        'Name the machine to connect to.',
      );
    diags.throwIfErrors();
    return {
      warnings: diags.warnings,
      async run(ctx) {
        const state: NullState = { hook: ctx.hook, generatedData: {} };
        await runSteps(
          [
            stepConnect<NullState>({
              type: () => (comm ? 'ssh' : 'none'),
              ...(comm
                ? {
                    ssh: {
                      config: () => comm,
                      host: () => comm.host,
                      port: () => comm.port,
                      set: (st, c) => {
                        st.communicator = c;
                      },
                    },
                  }
                : {}),
            }),
            ...(comm ? [stepConnectionData(comm)] : []),
            stepProvision<NullState>(),
          ],
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

interface NullState extends ProvisionState {
  communicator?: ssh.SshCommunicator | undefined;
}

/** Records what Packer gives provisioners about an SSH connection (Host, Port, User, ConnType, keys). */
function stepConnectionData(c: ssh.CommunicatorConfig): Step<NullState> {
  return {
    name: 'connection-data',
    async run(state) {
      Object.assign(state.generatedData, connectionData(c));
    },
  };
}

function connectionData(c: ssh.CommunicatorConfig): Record<string, unknown> {
  return {
    ID: 'Null',
    ConnType: 'ssh',
    Host: c.host,
    Port: c.port,
    User: c.username,
    Password: c.password ?? '',
    SSHPrivateKeyFile: c.privateKeyFile ?? '',
    SSHAgentAuth: c.agentAuth,
    SSHPrivateKey: '',
  };
}
