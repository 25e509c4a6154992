import type { Image } from '@aws-sdk/client-ec2';
import type { Ec2Driver } from './driver.js';
import { waitFor } from './wait.js';

/** The snapshots behind an image's EBS block devices. */
export function snapshotsOf(image: Image): string[] {
  return (image.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []));
}

/** Waits until an AMI is available; "failed" fails with its reason. */
export function waitImageAvailable(
  ec2: Ec2Driver,
  id: string,
  o: { timeoutMs: number; intervalMs: number; signal: AbortSignal },
): Promise<Image> {
  return waitFor(
    async () => {
      const [image] = await ec2.describeImages({ imageIds: [id] });
      if (image?.State === 'available') return image;
      if (image?.State === 'failed' || image?.State === 'deregistered' || image?.State === 'invalid')
        throw new Error(
          `AMI ${id} is ${image.State}${image.StateReason?.Message ? `: ${image.StateReason.Message}` : ''}`,
        );
      return undefined;
    },
    { ...o, what: `AMI ${id} in ${ec2.region} to become available` },
  );
}

/** Deregisters an AMI (unless `id` is empty) and deletes snapshots; returns what it could not remove. */
export async function removeImage(ec2: Ec2Driver, id: string, snapshots: string[]): Promise<string[]> {
  const failed: string[] = [];
  try {
    if (id) await ec2.deregisterImage(id);
  } catch (e) {
    if (!/NotFound/.test((e as Error).name)) failed.push(id);
  }
  for (const snap of snapshots) {
    try {
      await ec2.deleteSnapshot(snap);
    } catch (e) {
      if (!/NotFound/.test((e as Error).name)) failed.push(snap);
    }
  }
  return failed;
}
