import type { Step } from '@kiln/plugin-sdk';
import { removeImage, snapshotsOf, waitImageAvailable } from '../ami-images.js';
import { awsError } from '../client.js';
import { amiName } from '../names.js';
import type { EbsState } from '../state.js';
import { markIncomplete, removeUnfinished } from './step-create-ami.js';

/**
 * encrypt_boot: replaces the AMI by an encrypted copy in the build region;
 * ami_regions: copies it to the other regions, in parallel, and waits for all
 * (Packer's StepAMIRegionCopy). Cleanup removes copies after a failure.
 */
export const stepCopyAmi: Step<EbsState> = {
  name: 'copy-ami',
  async run(state, { ui, signal }) {
    const { config } = state;
    const region = config.access.region;
    const source = state.amis[region];
    if (!source || (!config.amiRegions.length && !config.encryptBoot)) return;
    ui.say(`Copying/Encrypting AMI (${source}) to other regions...`);
    const wait = { timeoutMs: config.waitTimeoutMs, intervalMs: config.pollIntervalMs, signal };
    const name = amiName(state);
    const copy = async (to: string, encrypt: boolean): Promise<string> => {
      const ec2 = state.driverFor(to);
      // After encrypt_boot, the copies are made from the encrypted AMI.
      const from = state.amis[region] ?? source;
      const kmsKeyId = config.regionKmsKeyIds[to] ?? (to === region ? config.kmsKeyId : undefined);
      const id = await ec2
        .copyImage({
          sourceRegion: region,
          sourceImageId: from,
          name,
          ...(config.amiDescription ? { description: config.amiDescription } : {}),
          ...(encrypt ? { encrypted: true } : {}),
          ...(encrypt && kmsKeyId ? { kmsKeyId } : {}),
        })
        .catch((e) => {
          throw awsError(`Error Copying AMI (${from}) to region (${to})`, e);
        });
      return id;
    };
    if (config.encryptBoot) {
      ui.message(`Encrypting AMI (${source}) in ${region}`);
      const id = await copy(region, true);
      const unencrypted = state.snapshots[region] ?? [];
      state.amis[region] = id;
      state.snapshots[region] = [];
      await markIncomplete(state, region, [id]);
      const image = await waitImageAvailable(state.ec2, id, wait);
      state.snapshots[region] = snapshotsOf(image);
      await markIncomplete(state, region, state.snapshots[region]);
      ui.say(`Deregistering the unencrypted AMI ${source} and deleting its snapshots...`);
      const failed = await removeImage(state.ec2, source, unencrypted);
      if (failed.length) ui.error(`Could not remove ${failed.join(', ')}`);
    }
    await Promise.all(
      config.amiRegions.map(async (to) => {
        ui.message(`Copying to: ${to}`);
        const id = await copy(to, config.encryptBoot === true);
        state.amis[to] = id;
        await markIncomplete(state, to, [id]);
      }),
    );
    if (!config.amiRegions.length) return;
    ui.say('Waiting for all copies to complete...');
    await Promise.all(
      config.amiRegions.map(async (to) => {
        const id = state.amis[to] ?? '';
        const image = await waitImageAvailable(state.driverFor(to), id, wait).catch((e) => {
          throw new Error(`Error waiting for AMI (${id}) in region (${to}): ${(e as Error).message}`);
        });
        state.snapshots[to] = snapshotsOf(image);
        await markIncomplete(state, to, state.snapshots[to]);
      }),
    );
  },
  async cleanup(state, { ui }) {
    await removeUnfinished(state, ui);
  },
};
