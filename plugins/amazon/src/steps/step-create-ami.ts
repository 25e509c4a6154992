import type { Step } from '@kiln/plugin-sdk';
import { removeImage, snapshotsOf, waitImageAvailable } from '../ami-images.js';
import { toMappings } from '../block-devices.js';
import { awsError } from '../client.js';
import { amiName, renderData } from '../names.js';
import { render } from '../render.js';
import { type EbsState, INCOMPLETE_TAG, runTags } from '../state.js';

/** Tags an AMI and its snapshots as this run's unfinished work. */
export async function markIncomplete(state: EbsState, region: string, ids: string[]): Promise<void> {
  await state.driverFor(region).createTags(ids, [...runTags(state), { Key: INCOMPLETE_TAG, Value: 'true' }]);
}

/**
 * Removes every AMI and snapshot of the build unless it completed: after a
 * failure or cancel nothing half-made stays behind.
 */
export async function removeUnfinished(
  state: EbsState,
  ui: { say(t: string): void; error(t: string): void },
) {
  if (state.completed || !Object.keys(state.amis).length) return;
  ui.say('Deregistering the AMI and deleting associated snapshots because of cancellation, or error...');
  for (const [region, id] of Object.entries(state.amis)) {
    const failed = await removeImage(state.driverFor(region), id, state.snapshots[region] ?? []);
    if (failed.length)
      ui.error(
        `Error removing ${failed.join(', ')} in ${region}; remove it by hand or with kiln amazon leftovers`,
      );
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
      })
      .catch((e) => {
        throw awsError('Error creating AMI', e);
      });
    state.amis[region] = id;
    ui.message(`AMI: ${id}`);
    await markIncomplete(state, region, [id]);
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
