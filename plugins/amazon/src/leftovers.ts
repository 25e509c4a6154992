import type { Filter } from '@aws-sdk/client-ec2';
import { removeImage, snapshotsOf } from './ami-images.js';
import type { DriverFactory } from './driver.js';
import { INCOMPLETE_TAG, RUN_TAG } from './state.js';

/** One resource an interrupted build left behind. */
export interface Leftover {
  region: string;
  kind: 'instance' | 'key-pair' | 'security-group' | 'volume' | 'image' | 'snapshot';
  id: string;
  /** The kiln:run tag's value. */
  run: string;
}

const tagValue = (tags: { Key?: string; Value?: string }[] | undefined, key: string) =>
  tags?.find((t) => t.Key === key)?.Value ?? '';

/**
 * Lists what builds left in the regions: instances that are not terminated,
 * key pairs, security groups and volumes tagged kiln:run, and AMIs and
 * snapshots still tagged kiln:incomplete. `run` narrows it to one run id.
 */
export async function findLeftovers(
  drivers: DriverFactory,
  regions: string[],
  run?: string,
): Promise<Leftover[]> {
  const byRun: Filter[] = run
    ? [{ Name: `tag:${RUN_TAG}`, Values: [run] }]
    : [{ Name: 'tag-key', Values: [RUN_TAG] }];
  const incomplete: Filter[] = [{ Name: 'tag-key', Values: [INCOMPLETE_TAG] }, ...(run ? byRun : [])];
  const out: Leftover[] = [];
  for (const region of regions) {
    const ec2 = drivers(region);
    const [instances, keys, groups, volumes, images, snapshots] = await Promise.all([
      ec2.describeInstances([
        ...byRun,
        {
          Name: 'instance-state-name',
          Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'],
        },
      ]),
      ec2.describeKeyPairs(byRun),
      ec2.describeSecurityGroups(byRun),
      ec2.describeVolumes(byRun),
      ec2.describeImages({ owners: ['self'], filters: incomplete }),
      ec2.describeSnapshots({ filters: incomplete, owners: ['self'] }),
    ]);
    const add = (
      kind: Leftover['kind'],
      id: string | undefined,
      tags: { Key?: string; Value?: string }[] | undefined,
    ) => {
      if (id) out.push({ region, kind, id, run: tagValue(tags, RUN_TAG) });
    };
    for (const i of instances) add('instance', i.InstanceId, i.Tags);
    for (const k of keys) add('key-pair', k.name, k.tags);
    for (const g of groups) add('security-group', g.groupId, g.tags);
    for (const v of volumes)
      if (v.State !== 'deleting' && v.State !== 'deleted') add('volume', v.VolumeId, v.Tags);
    for (const i of images) add('image', i.ImageId, i.Tags);
    for (const s of snapshots) add('snapshot', s.SnapshotId, s.Tags);
  }
  return out;
}

/**
 * Removes leftovers in a safe order (instances, then what they used); returns
 * the messages of what could not be removed.
 */
export async function removeLeftovers(
  drivers: DriverFactory,
  items: Leftover[],
  say: (line: string) => void,
): Promise<string[]> {
  const failed: string[] = [];
  const order: Leftover['kind'][] = ['instance', 'image', 'snapshot', 'key-pair', 'volume', 'security-group'];
  for (const kind of order) {
    for (const l of items.filter((x) => x.kind === kind)) {
      const ec2 = drivers(l.region);
      try {
        if (kind === 'instance') {
          await ec2.terminateInstance(l.id);
          await waitGone(() => ec2.describeInstance(l.id).then((i) => i?.State?.Name === 'terminated' || !i));
        } else if (kind === 'image') {
          const [image] = await ec2.describeImages({ imageIds: [l.id] });
          const rest = await removeImage(ec2, l.id, image ? snapshotsOf(image) : []);
          if (rest.length) throw new Error(`could not remove ${rest.join(', ')}`);
        } else if (kind === 'snapshot') await ec2.deleteSnapshot(l.id).catch(ignoreNotFound);
        else if (kind === 'key-pair') await ec2.deleteKeyPair(l.id);
        else if (kind === 'volume') await ec2.deleteVolume(l.id).catch(ignoreNotFound);
        else await ec2.deleteSecurityGroup(l.id);
        say(`Removed ${l.kind} ${l.id} (${l.region}, run ${l.run})`);
      } catch (e) {
        failed.push(`${l.kind} ${l.id} (${l.region}): ${(e as Error).message}`);
      }
    }
  }
  return failed;
}

function ignoreNotFound(e: unknown): void {
  if (!/NotFound/.test((e as Error).name)) throw e;
}

async function waitGone(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for termination');
    await new Promise((r) => setTimeout(r, 2000));
  }
}
