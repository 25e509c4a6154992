import type { Step } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import type { EbsState } from '../state.js';
import { waitInstanceState } from './step-run-instance.js';

/** Stops the instance before imaging it; then enables ENA when asked. */
export const stepStopInstance: Step<EbsState> = {
  name: 'stop-instance',
  async run(state, { ui, signal }) {
    const id = state.instance?.InstanceId;
    if (!id) throw new Error('No instance to stop');
    if (state.config.spotPrice) {
      // A one-time spot instance cannot be stopped; the image is made from it running (as Packer does).
      ui.say('Spot instance: not stopping it before creating the AMI');
    } else {
      if (!state.config.disableStopInstance) {
        ui.say('Stopping the source instance...');
        await state.ec2.stopInstance(id).catch((e) => {
          throw awsError('Error stopping instance', e);
        });
      }
      ui.say('Waiting for the instance to stop...');
      await waitInstanceState(state, id, 'stopped', signal, ['terminated']);
    }
    if (state.config.enaSupport) {
      ui.say('Enabling Enhanced Networking (ENA)...');
      await state.ec2.modifyEnaSupport(id, true).catch((e) => {
        throw awsError('Error enabling Enhanced Networking (ENA) on the instance', e);
      });
    }
  },
};
