import type { Step } from '@kiln/plugin-sdk';
import { removeImage, snapshotsOf, waitImageAvailable } from '../ami-images.js';
import { toMappings } from '../block-devices.js';
import { awsError } from '../client.js';
import { amiName, renderData } from '../names.js';
import { render } from '../render.js';
import { type EbsState, INCOMPLETE_TAG, RUN_TAG, runTags } from '../state.js';

/** Tags an AMI and its snapshots as this run's unfinished work. */
export async function markIncomplete(state: EbsState, region: string, ids: string[]): Promise<void> {
  await state.driverFor(region).createTags(ids, [...runTags(state), { Key: INCOMPLETE_TAG, Value: 'true' }]);
}

/**
 * Removes every AMI and snapshot of the build unless it completed: after a
 * failure or cancel nothing half-made stays behind. The snapshots of an AMI
 * that was still pending are read from the image, and any snapshot still
 * tagged as this build's unfinished work goes too.
 */
export async function removeUnfinished(
  state: EbsState,
  ui: { say(t: string): void; error(t: string): void },
) {
  if (state.completed || !Object.keys(state.amis).length) return;
  ui.say('Deregistering the AMI and deleting associated snapshots because of cancellation, or error...');
  for (const [region, id] of Object.entries(state.amis)) {
    const ec2 = state.driverFor(region);
    const snaps = new Set(state.snapshots[region] ?? []);
    const [image] = await ec2.describeImages({ imageIds: [id] }).catch(() => []);
    for (const s of image ? snapshotsOf(image) : []) snaps.add(s);
    const failed = await removeImage(ec2, id, [...snaps]);
    const tagged = await ec2
      .describeSnapshots({
        filters: [
          { Name: `tag:${RUN_TAG}`, Values: [state.build.runId] },
          { Name: 'tag:kiln:build', Values: [state.build.buildName] },
          { Name: 'tag-key', Values: [INCOMPLETE_TAG] },
        ],
      })
      .catch(() => []);
    for (const s of tagged) {
      if (!s.SnapshotId || snaps.has(s.SnapshotId)) continue;
      failed.push(...(await removeImage(ec2, '', [s.SnapshotId])));
    }
    if (failed.length)
      ui.error(`Error removing ${failed.join(', ')} in ${region}; remove it by hand or with kiln cleanup`);
    delete state.amis[region];
    delete state.snapshots[region];
  }
}

/** Creates the AMI from the stopped instance and waits for it (Packer's StepCreateAMI). */
export const stepCreateAmi: Step<EbsState> = {
  name: 'create-ami',
  async run(state, { ui, signal }) {
    const { config } = state;
    const region = config.access.region;
    const instanceId = state.instance?.InstanceId ?? '';
    const name = amiName(state);
    ui.say(`Creating AMI ${name} from instance ${instanceId}`);
    const id = await state.ec2
      .createImage({
        instanceId,
        name,
        ...(config.amiDescription
          ? { description: render(config.amiDescription, state.startedAt, renderData(state)) }
          : {}),
        blockDeviceMappings: toMappings(config.amiBlockDevices),
        tags: [...runTags(state), { Key: INCOMPLETE_TAG, Value: 'true' }],
      })
      .catch((e) => {
        throw awsError('Error creating AMI', e);
      });
    state.amis[region] = id;
    ui.message(`AMI: ${id}`);
    ui.say('Waiting for AMI to become ready...');
    const image = await waitImageAvailable(state.ec2, id, {
      timeoutMs: config.waitTimeoutMs,
      intervalMs: config.pollIntervalMs,
      signal,
    }).catch((e) => {
      throw new Error(`Error waiting for AMI: ${(e as Error).message}`);
    });
    state.snapshots[region] = snapshotsOf(image);
    await markIncomplete(state, region, state.snapshots[region]);
  },
  async cleanup(state, { ui }) {
    await removeUnfinished(state, ui);
  },
};
