import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BuildContext, Hook, Ui } from '@kiln/plugin-sdk';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import { amazonEbsBuilder } from './builder.js';
import { type FakeWorld, fakeDrivers, fakeWorld } from './fake-driver.test-helper.js';
import { findLeftovers, removeLeftovers } from './leftovers.js';

// Waiters poll every 50ms here.
process.env.AWS_POLL_DELAY_SECONDS = '0.05';

const build: BuildContext = {
  runId: 'run-1',
  buildName: 'amazon-ebs.t',
  builderType: 'amazon-ebs',
  debug: false,
  force: false,
  onError: 'cleanup',
  templateDir: '.',
  userVariables: {},
};

const base = {
  region: 'us-east-1',
  access_key: 'a',
  secret_key: 'b',
  instance_type: 't3.micro',
  ami_name: 'kiln-{{timestamp}}',
  source_ami_filter: { filters: { name: 'ubuntu/images/*' }, owners: ['099720109477'], most_recent: true },
  communicator: 'none',
};

async function run(
  w: FakeWorld,
  config: Record<string, unknown>,
  o: { hook?: Hook; signal?: AbortSignal } = {},
) {
  const ui = new RecordingUi();
  const builder = amazonEbsBuilder({ drivers: () => fakeDrivers(w) });
  const body: Record<string, unknown> = { ...base, ...config };
  for (const [k, v] of Object.entries(body)) if (v === undefined) delete body[k];
  const prepared = await builder.prepare(body, build);
  const hook: Hook = o.hook ?? { run: async () => {} };
  const result = await prepared
    .run({ ui, hook, signal: o.signal ?? new AbortController().signal, sessionId: 's', build })
    .then(
      (artifact) => ({ artifact, error: undefined }),
      (error: Error) => ({ artifact: undefined, error }),
    );
  return { ...result, ui };
}

/** What is live in the world besides the source image. */
function live(w: FakeWorld) {
  return {
    instances: [...w.instances.values()]
      .filter((i) => i.State?.Name !== 'terminated')
      .map((i) => i.InstanceId),
    keyPairs: [...w.keyPairs.keys()],
    groups: [...w.groups.keys()],
    volumes: [...w.volumes.keys()],
    images: [...w.images.keys()].filter((i) => i !== 'ami-source'),
    snapshots: [...w.snapshots.keys()],
  };
}
const nothing = { instances: [], keyPairs: [], groups: [], volumes: [], images: [], snapshots: [] };

describe('amazon-ebs steps (fake EC2)', () => {
  it('builds, copies and tags, then removes the instance, key pair and group', async () => {
    const w = fakeWorld();
    const { artifact, error, ui } = await run(w, {
      ami_regions: ['us-west-2'],
      ami_users: ['123456789012'],
      tags: { Name: 'x {{ .SourceAMIName }}' },
      snapshot_tags: { S: '1' },
      communicator: 'ssh',
      ssh_username: 'u',
      ssh_host: '127.0.0.1',
      ssh_port: 9,
      ssh_timeout: '1s',
    }).then(async (r) => r);
    // The ssh wait fails (nothing listens); everything made so far is gone.
    assert.match(String(error?.message), /SSH|timeout|ECONNREFUSED|connect/i);
    assert.equal(artifact, undefined);
    assert.deepEqual(live(w), nothing);
    assert.ok(ui.lines.includes('==> Deleting temporary keypair...'), ui.lines.join('\n'));
  });

  it('makes an artifact with both regions and leaves only the AMIs and their snapshots', async () => {
    const w = fakeWorld();
    const { artifact, error, ui } = await run(w, {
      ami_regions: ['us-west-2'],
      ami_users: ['123456789012'],
      tags: { Name: 'x {{ .SourceAMIName }}' },
      snapshot_tags: { S: '1' },
    });
    assert.equal(error, undefined, ui.lines.join('\n'));
    assert.equal(artifact?.builderId, 'mitchellh.amazonebs');
    const [east, west] = [...w.images.values()].filter((i) => i.OwnerId === 'self');
    assert.equal(artifact?.id, `us-east-1:${east?.ImageId},us-west-2:${west?.ImageId}`);
    assert.equal(
      artifact?.description,
      `AMIs were created:\nus-east-1: ${east?.ImageId}\nus-west-2: ${west?.ImageId}\n`,
    );
    const tags = Object.fromEntries((east?.Tags ?? []).map((t) => [t.Key, t.Value]));
    assert.equal(tags.Name, 'x ubuntu/images/base-1');
    assert.equal(tags['kiln:run'], 'run-1');
    assert.equal(tags['kiln:incomplete'], undefined);
    const l = live(w);
    assert.deepEqual({ ...l, images: [], snapshots: [] }, nothing);
    assert.equal(l.images.length, 2);
    assert.equal(l.snapshots.length, 2);
    assert.ok(w.calls.some((c) => c.startsWith('us-east-1 modifyLaunchPermission')));
    assert.ok(w.calls.some((c) => c.startsWith('us-west-2 modifyLaunchPermission')));
    for (const line of [
      '==> Launching a source AWS instance...',
      `==> Creating AMI ${east?.Name} from instance ${[...w.instances.keys()][0]}`,
      `    AMI: ${east?.ImageId}`,
      '==> Waiting for AMI to become ready...',
      `==> Copying/Encrypting AMI (${east?.ImageId}) to other regions...`,
      '==> Terminating the source AWS instance...',
      '==> Cleaning up any extra volumes...',
      '==> Deleting temporary security group...',
    ])
      assert.ok(ui.lines.includes(line), `missing ${line} in\n${ui.lines.join('\n')}`);
  });

  it('removes the AMIs and snapshots made so far when a copy fails', async () => {
    const w = fakeWorld();
    w.fail.set('copyImage', new Error('copy refused'));
    const { error } = await run(w, { ami_regions: ['us-west-2'] });
    assert.match(String(error?.message), /Error Copying AMI .* to region \(us-west-2\): copy refused/);
    assert.deepEqual(live(w), nothing);
  });

  it('removes the AMI when tagging fails', async () => {
    const w = fakeWorld();
    w.fail.set('deleteTags', new Error('no'));
    const { error } = await run(w, { tags: { a: 'b' } });
    assert.ok(error);
    assert.deepEqual(live(w), nothing);
  });

  it('encrypt_boot replaces the AMI by an encrypted copy and removes the plain one', async () => {
    const w = fakeWorld();
    const { artifact, error } = await run(w, { encrypt_boot: true, ami_regions: ['us-west-2'] });
    assert.equal(error, undefined);
    const copies = w.calls.filter((c) => / copyImage /.test(c));
    assert.equal(copies.length, 2);
    const encrypted = [...w.images.values()].find((i) => i.region === 'us-east-1' && i.OwnerId === 'self');
    assert.ok(
      copies[1]?.startsWith(`us-west-2 copyImage ${encrypted?.ImageId} encrypted`),
      copies.join('\n'),
    );
    assert.equal(live(w).images.length, 2);
    assert.equal(live(w).snapshots.length, 2);
    assert.match(artifact?.id ?? '', /^us-east-1:ami-\S+,us-west-2:ami-/);
  });

  it('a cancel while waiting for the instance terminates it and removes the group', async () => {
    const w = fakeWorld();
    w.hold.instances = true;
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const { error } = await run(w, {}, { signal: ac.signal });
    assert.equal(error?.name, 'CancelledError');
    assert.deepEqual(live(w), nothing);
  });

  it('a cancel while waiting for the AMI deregisters it and deletes its snapshot', async () => {
    const w = fakeWorld();
    w.hold.images = true;
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const { error, ui } = await run(w, {}, { signal: ac.signal });
    assert.equal(error?.name, 'CancelledError');
    assert.ok(w.calls.some((c) => / createImage /.test(c)));
    assert.ok(
      ui.lines.includes(
        '==> Deregistering the AMI and deleting associated snapshots because of cancellation, or error...',
      ),
    );
    assert.deepEqual(live(w), nothing);
  });

  it('a refused instance type fails with the API message and removes the group', async () => {
    const w = fakeWorld();
    const e = new Error("The instance type 'x' does not exist");
    e.name = 'InvalidInstanceType';
    w.fail.set('runInstance', e);
    const { error } = await run(w, {});
    assert.equal(
      error?.message,
      "Error launching source instance: InvalidInstanceType: The instance type 'x' does not exist",
    );
    assert.deepEqual(live(w), nothing);
  });

  it('a missing source AMI fails before anything is made', async () => {
    const w = fakeWorld();
    const { error } = await run(w, { source_ami: 'ami-missing', source_ami_filter: undefined });
    assert.match(String(error?.message), /No AMI was found/);
    assert.ok(!w.calls.some((c) => /createSecurityGroup|runInstance/.test(c)));
  });

  it('refuses an existing AMI name unless force_deregister, which removes it first', async () => {
    const w = fakeWorld();
    w.images.set('ami-old', {
      region: 'us-east-1',
      ImageId: 'ami-old',
      Name: 'fixed',
      OwnerId: 'self',
      State: 'available',
    });
    const refused = await run(w, { ami_name: 'fixed' });
    assert.match(String(refused.error?.message), /is used by an existing AMI: ami-old/);
    const forced = await run(w, { ami_name: 'fixed', force_deregister: true });
    assert.equal(forced.error, undefined);
    assert.ok(!w.images.has('ami-old'));
  });

  it('an unknown region is named', async () => {
    const w = fakeWorld();
    const { error } = await run(w, { region: 'xx-nowhere-1' });
    assert.match(String(error?.message), /^Invalid region: xx-nowhere-1/);
  });

  it('spot_price launches a one-time spot instance and images it without stopping it', async () => {
    const w = fakeWorld();
    const { error, ui } = await run(w, { spot_price: '0.05' });
    assert.equal(error, undefined, ui.lines.join('\n'));
    assert.ok(ui.lines.includes('==> Launching a spot AWS instance...'));
    assert.ok(!w.calls.some((c) => / stopInstance /.test(c)));
    assert.ok(w.calls.some((c) => / createImage /.test(c)));
  });

  it('-on-error=abort leaves what was made and says how to remove it', async () => {
    const w = fakeWorld();
    w.fail.set('stopInstance', new Error('no stopping'));
    const ui = new RecordingUi();
    const abort = { ...build, onError: 'abort' as const };
    const prepared = await amazonEbsBuilder({ drivers: () => fakeDrivers(w) }).prepare(base, abort);
    await assert.rejects(
      prepared.run({
        ui,
        hook: { run: async () => {} },
        signal: new AbortController().signal,
        sessionId: 's',
        build: abort,
      }),
      /Error stopping instance/,
    );
    assert.equal(live(w).instances.length, 1);
    assert.ok(
      ui.lines.includes(
        '!!! What this build made was left in place. Remove it with: kiln cleanup -region us-east-1 -run run-1 -force',
      ),
      ui.lines.join('\n'),
    );
    const left = await findLeftovers(fakeDrivers(w), ['us-east-1'], 'run-1');
    assert.deepEqual(left.map((l) => l.kind).sort(), ['instance', 'security-group', 'volume']);
  });

  it('skip_create_ami makes no artifact and nothing stays', async () => {
    const w = fakeWorld();
    const { artifact, error } = await run(w, { skip_create_ami: true });
    assert.equal(error, undefined);
    assert.equal(artifact, undefined);
    assert.deepEqual(live(w), nothing);
  });

  it('leftovers: what a killed build left is found by its tag and removed', async () => {
    const w = fakeWorld();
    const drivers = fakeDrivers(w);
    const ec2 = drivers('us-east-1');
    const tags = [{ Key: 'kiln:run', Value: 'r9' }];
    await ec2.importKeyPair('k', 'pub', tags);
    const sg = await ec2.createSecurityGroup({ name: 'g', description: '', tags });
    await ec2.runInstance({
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
    });
    await ec2.createSecurityGroup({ name: 'other', description: '', tags: [] });
    const found = await findLeftovers(drivers, ['us-east-1'], 'r9');
    assert.deepEqual(found.map((l) => l.kind).sort(), ['instance', 'key-pair', 'security-group']);
    const failed = await removeLeftovers(drivers, found, () => {});
    assert.deepEqual(failed, []);
    assert.deepEqual(await findLeftovers(drivers, ['us-east-1'], 'r9'), []);
    assert.ok(!w.groups.has(sg));
    assert.equal(w.groups.size, 1);
  });
});
