import type { Instance } from './driver.js';
import { type GceState, runLabels } from './state.js';

/** The region of a zone ("us-central1-a" -> "us-central1"). */
export const regionOf = (zone: string) => zone.replace(/-[a-z]$/, '');

/** A network or subnetwork reference: a URL or path as given, else a path in the project. */
function ref(value: string, path: string): string {
  return value.includes('/') ? value : `${path}/${value}`;
}

/** The instance resource of the build: boot disk from the source image, network, metadata, labels. */
export function instanceResource(state: GceState): Instance {
  const { config } = state;
  const zone = config.zone;
  const labels = { ...config.labels, ...runLabels(state) };
  const metadata: Record<string, string> = { ...config.metadata };
  if (config.startupScript !== undefined) metadata['startup-script'] = config.startupScript;
  if (state.sshKeysEntry)
    metadata['ssh-keys'] = metadata['ssh-keys']
      ? `${metadata['ssh-keys']}\n${state.sshKeysEntry}`
      : state.sshKeysEntry;
  const netProject = config.networkProjectId ?? config.access.projectId;
  return {
    name: state.instanceName ?? '',
    machineType: `zones/${zone}/machineTypes/${config.machineType}`,
    disks: [
      {
        boot: true,
        autoDelete: false,
        deviceName: state.diskName ?? '',
        type: 'PERSISTENT',
        mode: 'READ_WRITE',
        initializeParams: {
          diskName: state.diskName ?? '',
          diskSizeGb: String(config.diskSizeGb) as unknown as number,
          diskType: `zones/${zone}/diskTypes/${config.diskType}`,
          sourceImage:
            state.sourceImage?.selfLink ??
            `projects/${state.sourceImageProject}/global/images/${state.sourceImage?.name}`,
          labels,
        },
      },
    ],
    networkInterfaces: [
      {
        ...(config.network ? { network: ref(config.network, `projects/${netProject}/global/networks`) } : {}),
        ...(config.subnetwork
          ? {
              subnetwork: ref(
                config.subnetwork,
                `projects/${netProject}/regions/${regionOf(zone)}/subnetworks`,
              ),
            }
          : {}),
        accessConfigs: config.omitExternalIp ? [] : [{ name: 'External NAT', type: 'ONE_TO_ONE_NAT' }],
      },
    ],
    ...(config.tags.length ? { tags: { items: config.tags } } : {}),
    labels,
    metadata: { items: Object.entries(metadata).map(([key, value]) => ({ key, value })) },
    scheduling: {
      preemptible: config.preemptible,
      automaticRestart: !config.preemptible,
      onHostMaintenance: config.preemptible ? 'TERMINATE' : 'MIGRATE',
    },
    serviceAccounts: config.disableDefaultServiceAccount
      ? []
      : [{ email: config.serviceAccountEmail ?? 'default', scopes: config.scopes }],
  };
}

/** The address the communicator dials: the external one, or the internal one with use_internal_ip. */
export function instanceAddress(i: Instance, useInternalIp: boolean): string {
  const nic = i.networkInterfaces?.[0];
  if (useInternalIp) return nic?.networkIP ?? '';
  return nic?.accessConfigs?.[0]?.natIP ?? '';
}
