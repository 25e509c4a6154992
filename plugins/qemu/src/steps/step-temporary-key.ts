import { type Step, ssh } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';

/** Makes a temporary SSH key pair when no password, key file or agent is configured. */
export const stepTemporaryKey: Step<QemuBuildState> = {
  name: 'temporary-key',
  async run(state, { ui }) {
    const c = state.config.comm;
    if (c.type !== 'ssh' || c.password !== undefined || c.privateKeyFile || c.agentAuth) return;
    ui.say('Creating temporary SSH key for instance...');
    state.temporaryKey = await ssh.generateTemporaryKeyPair(c.temporaryKeyPair.type, c.temporaryKeyPair.bits);
    state.generatedData.SSHPublicKey = state.temporaryKey.publicKey;
  },
};
