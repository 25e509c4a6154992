import type { Step } from '@kiln/plugin-sdk';
import { ssh } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import { temporaryName } from '../names.js';
import { type EbsState, runTags } from '../state.js';

/**
 * Uses ssh_keypair_name, or makes a temporary key pair: generated here,
 * imported into EC2 (tagged with the run), deleted in cleanup.
 */
export const stepKeyPair: Step<EbsState> = {
  name: 'key-pair',
  async run(state, { ui }) {
    const { config } = state;
    const comm = config.communicator;
    if (config.sshKeypairName) {
      ui.say(`Using existing SSH keypair: ${config.sshKeypairName}`);
      state.keyPairName = config.sshKeypairName;
      return;
    }
    if (comm.type === 'none' || comm.privateKeyFile || comm.password !== undefined || comm.agentAuth) {
      if (comm.type !== 'none') ui.say('Not using temporary keypair: a key or password is given');
      return;
    }
    const name = temporaryName();
    ui.say(`Creating temporary keypair: ${name}`);
    const pair = await ssh.generateTemporaryKeyPair(
      comm.temporaryKeyPair.type,
      comm.temporaryKeyPair.bits,
      name,
    );
    await state.ec2.importKeyPair(name, pair.publicKey, runTags(state)).catch((e) => {
      throw awsError('Error creating temporary keypair', e);
    });
    state.keyPairName = name;
    state.privateKey = pair.privateKey;
  },
  async cleanup(state, { ui }) {
    if (!state.keyPairName || state.keyPairName === state.config.sshKeypairName) return;
    ui.say('Deleting temporary keypair...');
    try {
      await state.ec2.deleteKeyPair(state.keyPairName);
    } catch (e) {
      ui.error(
        `Error cleaning up keypair. Please delete the key manually: ${state.keyPairName} (${awsError('', e).message.slice(2)})`,
      );
    }
    state.keyPairName = undefined;
  },
};
