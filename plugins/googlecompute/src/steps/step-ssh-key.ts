import type { Step } from '@kiln/plugin-sdk';
import { ssh } from '@kiln/plugin-sdk';
import type { GceState } from '../state.js';

/**
 * Makes a temporary SSH key pair for the build (unless a key, password or
 * agent is given); its public half goes into the instance metadata
 * ("ssh-keys"), so it lives and dies with the instance.
 */
export const stepSshKey: Step<GceState> = {
  name: 'ssh-key',
  async run(state, { ui }) {
    const comm = state.config.communicator;
    if (comm.type === 'none' || comm.privateKeyFile || comm.password !== undefined || comm.agentAuth) return;
    ui.say(`Creating temporary ${comm.temporaryKeyPair.type} SSH key for instance...`);
    const pair = await ssh.generateTemporaryKeyPair(
      comm.temporaryKeyPair.type,
      comm.temporaryKeyPair.bits,
      'kiln',
    );
    state.privateKey = pair.privateKey;
    state.sshKeysEntry = `${comm.username}:${pair.publicKey}`;
  },
};
