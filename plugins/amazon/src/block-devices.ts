import type { BlockDeviceMapping } from '@aws-sdk/client-ec2';
import type { BlockSpec, Diagnostics } from '@kiln/plugin-sdk';

/** One launch_block_device_mappings / ami_block_device_mappings block. */
export interface BlockDevice {
  deviceName: string;
  volumeType?: string;
  volumeSize?: number;
  deleteOnTermination: boolean;
  encrypted?: boolean;
  kmsKeyId?: string;
  iops?: number;
  throughput?: number;
  snapshotId?: string;
  noDevice: boolean;
  virtualName?: string;
}

/** The body of a block device mapping block. */
export const blockDeviceSpec: BlockSpec = {
  nesting: 'list',
  body: {
    attributes: {
      device_name: { type: 'string', required: true, description: 'The device name, e.g. /dev/sda1.' },
      volume_type: { type: 'string', description: 'gp2, gp3, io1, io2, st1, sc1 or standard.' },
      volume_size: { type: 'number', description: 'Size in GiB.' },
      delete_on_termination: {
        type: 'bool',
        default: false,
        description: 'Delete the volume with the instance.',
      },
      encrypted: { type: 'bool', description: 'Encrypt the volume.' },
      kms_key_id: { type: 'string', description: 'The KMS key of an encrypted volume.' },
      iops: { type: 'number', description: 'Provisioned IOPS.' },
      throughput: { type: 'number', description: 'gp3 throughput in MiB/s.' },
      snapshot_id: { type: 'string', description: 'Create the volume from this snapshot.' },
      no_device: { type: 'bool', default: false, description: 'Suppress the device of the AMI.' },
      virtual_name: { type: 'string', description: 'An instance store volume, e.g. ephemeral0.' },
    },
  },
};

/** Reads decoded block device blocks; problems go to `diags` under `key`. */
export function decodeBlockDevices(raw: unknown, key: string, diags: Diagnostics): BlockDevice[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((b: Record<string, unknown>, i) => {
    const d: BlockDevice = {
      deviceName: String(b.device_name ?? ''),
      deleteOnTermination: b.delete_on_termination === true,
      noDevice: b.no_device === true,
    };
    if (typeof b.volume_type === 'string') d.volumeType = b.volume_type;
    if (typeof b.volume_size === 'number') d.volumeSize = b.volume_size;
    if (typeof b.encrypted === 'boolean') d.encrypted = b.encrypted;
    if (typeof b.kms_key_id === 'string') d.kmsKeyId = b.kms_key_id;
    if (typeof b.iops === 'number') d.iops = b.iops;
    if (typeof b.throughput === 'number') d.throughput = b.throughput;
    if (typeof b.snapshot_id === 'string') d.snapshotId = b.snapshot_id;
    if (typeof b.virtual_name === 'string') d.virtualName = b.virtual_name;
    if (!d.deviceName) diags.error('device_name is required', [key, i, 'device_name']);
    if (d.kmsKeyId && d.encrypted !== true)
      diags.error('kms_key_id needs encrypted = true', [key, i, 'kms_key_id']);
    if (d.throughput !== undefined && d.volumeType !== 'gp3')
      diags.error('throughput applies only to volume_type "gp3"', [key, i, 'throughput']);
    return d;
  });
}

/** The EC2 form of block devices. */
export function toMappings(devices: BlockDevice[]): BlockDeviceMapping[] {
  return devices.map((d) => {
    if (d.noDevice) return { DeviceName: d.deviceName, NoDevice: '' };
    if (d.virtualName) return { DeviceName: d.deviceName, VirtualName: d.virtualName };
    return {
      DeviceName: d.deviceName,
      Ebs: {
        DeleteOnTermination: d.deleteOnTermination,
        ...(d.volumeType ? { VolumeType: d.volumeType as 'gp2' } : {}),
        ...(d.volumeSize ? { VolumeSize: d.volumeSize } : {}),
        ...(d.encrypted !== undefined ? { Encrypted: d.encrypted } : {}),
        ...(d.kmsKeyId ? { KmsKeyId: d.kmsKeyId } : {}),
        ...(d.iops ? { Iops: d.iops } : {}),
        ...(d.throughput ? { Throughput: d.throughput } : {}),
        ...(d.snapshotId ? { SnapshotId: d.snapshotId } : {}),
      },
    };
  });
}
