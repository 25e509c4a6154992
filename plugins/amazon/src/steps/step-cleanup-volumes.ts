import type { Step } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import { type EbsState, RUN_TAG } from '../state.js';

/**
 * Runs nothing; its cleanup (after the instance is gone) deletes the volumes
 * of this build that did not go with the instance (Packer's StepCleanupVolumes).
 */
export const stepCleanupVolumes: Step<EbsState> = {
  name: 'cleanup-volumes',
  async run() {},
  async cleanup(state, { ui }) {
    ui.say('Cleaning up any extra volumes...');
    let volumes: Awaited<ReturnType<typeof state.ec2.describeVolumes>> = [];
    try {
      volumes = await state.ec2.describeVolumes([
        { Name: `tag:${RUN_TAG}`, Values: [state.build.runId] },
        { Name: 'tag:kiln:build', Values: [state.build.buildName] },
      ]);
    } catch (e) {
      ui.error(awsError('Error describing volumes', e).message);
      return;
    }
    for (const v of volumes) {
      if (!v.VolumeId || v.State === 'deleting' || v.State === 'deleted') continue;
      ui.message(`Removing volume: ${v.VolumeId}`);
      try {
        await state.ec2.deleteVolume(v.VolumeId);
      } catch (e) {
        ui.error(awsError(`Error deleting volume ${v.VolumeId}`, e).message);
      }
    }
  },
};
