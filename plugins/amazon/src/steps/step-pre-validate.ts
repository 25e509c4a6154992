import type { Step } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import { amiName } from '../names.js';
import type { EbsState } from '../state.js';

/** Refuses an AMI name that is taken, unless force_deregister (Packer's StepPreValidate). */
export const stepPreValidate: Step<EbsState> = {
  name: 'pre-validate',
  async run(state, { ui }) {
    const { config } = state;
    if (config.skipCreateAmi) return;
    if (config.forceDeregister) {
      ui.say('Force Deregister flag found, skipping prevalidating AMI Name');
      return;
    }
    const name = amiName(state);
    ui.say(`Prevalidating AMI Name: ${name}`);
    for (const region of [config.access.region, ...config.amiRegions]) {
      const images = await state
        .driverFor(region)
        .describeImages({ owners: ['self'], filters: [{ Name: 'name', Values: [name] }] })
        .catch((e) => {
          throw awsError('Error querying AMI', e);
        });
      if (images.length)
        throw new Error(
          `Error: AMI Name: '${name}' is used by an existing AMI: ${images[0]?.ImageId} in ${region} (use force_deregister = true to replace it)`,
        );
    }
  },
};
