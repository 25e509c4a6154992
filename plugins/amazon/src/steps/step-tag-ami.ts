import type { Step } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import { renderTags } from '../names.js';
import { type EbsState, INCOMPLETE_TAG } from '../state.js';

/**
 * Adds tags to the AMIs and snapshot_tags (with tags) to their snapshots in
 * every region, then marks them complete: from here on they stay.
 */
export const stepTagAmi: Step<EbsState> = {
  name: 'tag-ami',
  async run(state, { ui }) {
    const { config } = state;
    const tags = renderTags(state, config.tags);
    const snapshotTags = [...tags, ...renderTags(state, config.snapshotTags)];
    for (const [region, id] of Object.entries(state.amis)) {
      const ec2 = state.driverFor(region);
      const snaps = state.snapshots[region] ?? [];
      if (tags.length) {
        ui.say(`Adding tags to AMI (${id})...`);
        await ec2.createTags([id], tags).catch((e) => {
          throw awsError(`Error tagging AMI (${id})`, e);
        });
      }
      if (snapshotTags.length && snaps.length) {
        for (const s of snaps) ui.message(`Tagging snapshot: ${s}`);
        await ec2.createTags(snaps, snapshotTags).catch((e) => {
          throw awsError('Error tagging snapshots', e);
        });
      }
      await ec2.deleteTags([id, ...snaps], [INCOMPLETE_TAG]).catch((e) => {
        throw awsError(`Error marking AMI (${id}) complete`, e);
      });
    }
    state.completed = true;
  },
};
