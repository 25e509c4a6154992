import type { Instance, RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { Step, StepContext } from '@kiln/plugin-sdk';
import { toMappings } from '../block-devices.js';
import { awsError } from '../client.js';
import { renderTags } from '../names.js';
import { type EbsState, RUN_TAG, runTags } from '../state.js';
import { waitFor } from '../wait.js';

/** The RunInstances request of the build instance. */
export function runInstancesInput(state: EbsState): RunInstancesCommandInput {
  const { config } = state;
  const tags = runTags(state);
  const instanceTags = [
    { Key: 'Name', Value: 'Kiln Builder' },
    ...renderTags(state, config.runTags),
    ...tags,
  ];
  const volumeTags = [...renderTags(state, config.runVolumeTags), ...tags];
  const network =
    config.associatePublicIpAddress !== undefined
      ? {
          NetworkInterfaces: [
            {
              DeviceIndex: 0,
              AssociatePublicIpAddress: config.associatePublicIpAddress,
              DeleteOnTermination: true,
              Groups: state.securityGroupIds,
              ...(state.subnetId ? { SubnetId: state.subnetId } : {}),
            },
          ],
        }
      : {
          SecurityGroupIds: state.securityGroupIds,
          ...(state.subnetId ? { SubnetId: state.subnetId } : {}),
        };
  return {
    ImageId: state.sourceImage?.ImageId,
    InstanceType: config.instanceType as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    ...(state.keyPairName ? { KeyName: state.keyPairName } : {}),
    ...network,
    ...(config.userData ? { UserData: Buffer.from(config.userData).toString('base64') } : {}),
    ...(config.iamInstanceProfile ? { IamInstanceProfile: { Name: config.iamInstanceProfile } } : {}),
    InstanceInitiatedShutdownBehavior: config.shutdownBehavior,
    ...(config.launchBlockDevices.length
      ? { BlockDeviceMappings: toMappings(config.launchBlockDevices) }
      : {}),
    ...(state.availabilityZone ? { Placement: { AvailabilityZone: state.availabilityZone } } : {}),
    ...(config.spotPrice
      ? {
          InstanceMarketOptions: {
            MarketType: 'spot',
            SpotOptions: {
              SpotInstanceType: 'one-time',
              InstanceInterruptionBehavior: 'terminate',
              ...(config.spotPrice !== 'auto' ? { MaxPrice: config.spotPrice } : {}),
            },
          },
        }
      : {}),
    TagSpecifications: [
      { ResourceType: 'instance', Tags: instanceTags },
      { ResourceType: 'volume', Tags: volumeTags },
    ],
  };
}

/** The address the communicator dials (ssh_interface, else public then private). */
export function instanceAddress(i: Instance, sshInterface: string): string {
  switch (sshInterface) {
    case 'public_ip':
      return i.PublicIpAddress ?? '';
    case 'private_ip':
      return i.PrivateIpAddress ?? '';
    case 'public_dns':
      return i.PublicDnsName ?? '';
    case 'private_dns':
      return i.PrivateDnsName ?? '';
    default:
      return i.PublicIpAddress || i.PrivateIpAddress || '';
  }
}

/** Waits until an instance is in `want`; a state it cannot leave for it fails. */
export function waitInstanceState(
  state: EbsState,
  id: string,
  want: string,
  signal: AbortSignal,
  dead: string[],
) {
  return waitFor(
    async () => {
      const i = await state.ec2.describeInstance(id);
      const now = i?.State?.Name ?? 'terminated';
      if (now === want) return i ?? {};
      if (dead.includes(now))
        throw new Error(
          `Error waiting for instance (${id}) to become ${want}: it is ${now}${i?.StateReason?.Message ? ` (${i.StateReason.Message})` : ''}`,
        );
      return undefined;
    },
    {
      timeoutMs: state.config.waitTimeoutMs,
      intervalMs: state.config.pollIntervalMs,
      signal,
      what: `instance ${id} to become ${want}`,
    },
  );
}

/**
 * Launches the build instance (tagged with the run) and waits until it runs;
 * cleanup terminates it, and any instance of this build that a cancelled
 * RunInstances call may have left, and waits until they are gone.
 */
export const stepRunInstance: Step<EbsState> = {
  name: 'run-instance',
  async run(state, { ui, signal }) {
    ui.say(
      state.config.spotPrice ? 'Launching a spot AWS instance...' : 'Launching a source AWS instance...',
    );
    const created = await state.ec2.runInstance(runInstancesInput(state), signal).catch((e) => {
      throw awsError('Error launching source instance', e);
    });
    const id = created.InstanceId ?? '';
    state.instance = created;
    ui.message(`Instance ID: ${id}`);
    ui.say(`Waiting for instance (${id}) to become ready...`);
    const running = await waitInstanceState(state, id, 'running', signal, [
      'terminated',
      'shutting-down',
      'stopped',
    ]);
    state.instance = running;
    state.sshHost = instanceAddress(running, state.config.sshInterface);
    if (state.sshHost) ui.message(`Public/private address: ${state.sshHost}`);
    state.generatedData.InstanceId = id;
  },
  async cleanup(state, ctx) {
    const ids = new Set<string>();
    if (state.instance?.InstanceId) ids.add(state.instance.InstanceId);
    try {
      const strays = await state.ec2.describeInstances([
        { Name: `tag:${RUN_TAG}`, Values: [state.build.runId] },
        { Name: 'tag:kiln:build', Values: [state.build.buildName] },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
      ]);
      for (const i of strays) if (i.InstanceId) ids.add(i.InstanceId);
    } catch {
      // The known instance is still terminated below.
    }
    if (!ids.size) return;
    ctx.ui.say('Terminating the source AWS instance...');
    await terminate(state, [...ids], ctx);
    state.instance = undefined;
  },
};

async function terminate(state: EbsState, ids: string[], { ui, signal }: StepContext): Promise<void> {
  for (const id of ids) {
    try {
      await state.ec2.terminateInstance(id);
      await waitInstanceState(state, id, 'terminated', signal, []);
    } catch (e) {
      ui.error(`Error terminating instance, may still be around: ${awsError(id, e).message}`);
    }
  }
}
