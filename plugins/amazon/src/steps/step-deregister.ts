import type { Step } from '@kiln/plugin-sdk';
import { removeImage, snapshotsOf } from '../ami-images.js';
import { awsError } from '../client.js';
import { amiName } from '../names.js';
import type { EbsState } from '../state.js';

/** force_deregister: removes existing AMIs of the same name (and with force_delete_snapshot, their snapshots). */
export const stepDeregister: Step<EbsState> = {
  name: 'deregister-ami',
  async run(state, { ui }) {
    const { config } = state;
    if (!config.forceDeregister || config.skipCreateAmi) return;
    const name = amiName(state);
    for (const region of [config.access.region, ...config.amiRegions]) {
      const ec2 = state.driverFor(region);
      const images = await ec2
        .describeImages({ owners: ['self'], filters: [{ Name: 'name', Values: [name] }] })
        .catch((e) => {
          throw awsError('Error describing AMI', e);
        });
      for (const image of images) {
        if (!image.ImageId) continue;
        const snaps = config.forceDeleteSnapshot ? snapshotsOf(image) : [];
        const failed = await removeImage(ec2, image.ImageId, snaps);
        if (failed.length)
          throw new Error(`Error deregistering existing AMI: could not remove ${failed.join(', ')}`);
        ui.say(`Deregistered AMI id: ${image.ImageId}`);
        for (const s of snaps) ui.say(`Deleted snapshot: ${s}`);
      }
    }
  },
};
