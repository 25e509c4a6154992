import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  type Image,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';

/** The moto server of the test environment (test/env/up.sh moto). */
export const ENDPOINT = 'http://127.0.0.1:5001';
/** Dummy credentials: moto accepts any. */
export const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
for (const [k, v] of Object.entries(AWS_ENV)) process.env[k] ??= v;

const clients = new Map<string, EC2Client>();
/** An EC2 client of a region, on the moto endpoint. */
export function ec2(region = 'us-east-1'): EC2Client {
  let c = clients.get(region);
  if (!c) {
    c = new EC2Client({
      region,
      endpoint: ENDPOINT,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    clients.set(region, c);
  }
  return c;
}

/** Why the amazon suites cannot run here, or false when moto answers. */
export async function motoSkipReason(): Promise<string | false> {
  try {
    const r = await fetch(`${ENDPOINT}/moto-api/`, { signal: AbortSignal.timeout(2000) });
    return r.ok ? false : `moto on ${ENDPOINT} answered ${r.status}`;
  } catch {
    return `needs moto on ${ENDPOINT} (test/env/up.sh moto)`;
  }
}

/** Whether moto refuses unknown instance types (MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION). */
export async function motoValidatesInstanceTypes(imageId: string): Promise<boolean> {
  try {
    const r = await ec2().send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: 'q9.impossible' as 't2.micro',
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    const ids = (r.Instances ?? []).map((i) => i.InstanceId ?? '');
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: ids }));
    return false;
  } catch {
    return true;
  }
}

/** The processes whose parent is `pid` (the plugin processes of a kiln run). */
export function childrenOf(pid: number): number[] {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

/** The sshd of the test environment (test/env/up.sh sshd), when it runs. */
export function localSshd(): { port: number; keyFile: string; user: string } | undefined {
  const dir = process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
  const keyFile = join(dir, 'sshd', 'id_ed25519');
  if (!existsSync(join(dir, 'sshd.pid')) || !existsSync(keyFile)) return undefined;
  return { port: Number(process.env.KILN_SSHD_PORT ?? 2222), keyFile, user: process.env.USER ?? 'root' };
}

/** What a build may leave behind, as ids, per region. */
export interface Inventory {
  instances: string[];
  keyPairs: string[];
  securityGroups: string[];
  volumes: string[];
  snapshots: string[];
  images: string[];
}

/** Everything live in a region that a build could have made. */
export async function inventory(region = 'us-east-1'): Promise<Inventory> {
  const c = ec2(region);
  const [i, k, g, v, s, im] = await Promise.all([
    c.send(new DescribeInstancesCommand({})),
    c.send(new DescribeKeyPairsCommand({})),
    c.send(new DescribeSecurityGroupsCommand({})),
    c.send(new DescribeVolumesCommand({})),
    c.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] })),
    c.send(new DescribeImagesCommand({ Owners: ['self'] })),
  ]);
  return {
    instances: (i.Reservations ?? [])
      .flatMap((r) => r.Instances ?? [])
      .filter((x) => x.State?.Name !== 'terminated')
      .map((x) => x.InstanceId ?? ''),
    keyPairs: (k.KeyPairs ?? []).map((x) => x.KeyName ?? ''),
    securityGroups: (g.SecurityGroups ?? []).map((x) => x.GroupId ?? ''),
    volumes: (v.Volumes ?? []).map((x) => x.VolumeId ?? ''),
    snapshots: (s.Snapshots ?? []).map((x) => x.SnapshotId ?? ''),
    images: (im.Images ?? []).map((x) => x.ImageId ?? ''),
  };
}

/** What `after` has that `before` had not, by kind (empty kinds left out). */
export function added(before: Inventory, after: Inventory): Partial<Inventory> {
  const out: Partial<Inventory> = {};
  for (const k of Object.keys(after) as (keyof Inventory)[]) {
    const extra = after[k].filter((id) => !before[k].includes(id));
    if (extra.length) out[k] = extra;
  }
  return out;
}

/** One image by id in a region. */
export async function image(region: string, id: string): Promise<Image | undefined> {
  const r = await ec2(region).send(new DescribeImagesCommand({ ImageIds: [id] }));
  return r.Images?.[0];
}

/** A tag map of a resource's tag list. */
export function tagsOf(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** The AMIs of an artifact description ("us-east-1: ami-..." lines). */
export function amisIn(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of stdout.matchAll(/^([a-z]{2}-[a-z]+-\d): (ami-[0-9a-f]+)$/gm)) out[m[1] ?? ''] = m[2] ?? '';
  return out;
}
