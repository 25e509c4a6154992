import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { type FakeComputeEngine, startFakeComputeEngine } from '../fakes/compute-engine-fake.js';
import { childrenOf, ec2, localSshd, ENDPOINT as MOTO, motoSkipReason } from './amazon-helpers.js';
import { hasStackTrace, kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';

/**
 * The googlecompute builder through the real `kiln` binary against the
 * Compute Engine FAKE (test/src/fakes/compute-engine-fake.ts; no emulator
 * exists). Instances report 127.0.0.1 as their address and the fake, as
 * Google's guest agent does, writes their ssh-keys metadata into the test
 * sshd's authorized_keys, so the build's temporary key really logs in to
 * the loopback sshd (test/env/up.sh sshd) and the shell provisioner runs.
 */
const sshd = localSshd();
const authorizedKeys = sshd ? join(sshd.keyFile, '..', 'authorized_keys') : '';
const skip =
  sshd && existsSync(authorizedKeys) ? false : 'needs the loopback sshd (bash test/env/up.sh sshd)';
const PROJECT = 'kiln-e2e';
const ZONE = 'us-central1-a';
const TOKEN_ENV = { GOOGLE_OAUTH_ACCESS_TOKEN: 'fake-token' };
const fixtures = fileURLToPath(new URL('../../../test/fixtures/templates/', import.meta.url));

let fake: FakeComputeEngine;
/** The fake for one suite, written to the sshd's authorized_keys as its instances run. */
function withFake(): void {
  before(async () => {
    fake = await startFakeComputeEngine({ authorizedKeysFile: authorizedKeys });
  });
  after(async () => {
    await fake?.close();
  });
}

const leftBehind = (project = PROJECT) => {
  const n = fake.names(project);
  return { instances: n.instances, disks: n.disks };
};

/** A googlecompute source on the fake; `extra` is appended to its body. */
function source(name: string, extra = ''): string {
  return `
source "googlecompute" "${name}" {
  project_id          = "${PROJECT}"
  zone                = "${ZONE}"
  source_image_family = "debian-12"
  image_name          = "kiln-e2e-${name}-{{timestamp}}"
  custom_endpoints    = { compute = "${fake.url}" }
  ssh_port            = ${sshd?.port ?? 2222}
${extra}
}
build {
  sources = ["source.googlecompute.${name}"]
  provisioner "shell" {
    inline = ["echo provisioned as $(id -un) on the instance"]
  }
}
`;
}

describe('googlecompute end to end (kiln build against the Compute Engine fake)', {
  skip,
  timeout: 600_000,
}, () => {
  withFake();
  it('builds an image: temporary key in the metadata logs in, the provisioner runs, instance and disk are deleted', async () => {
    const images = fake.names(PROJECT).images.length;
    await withTemplate({ 'g.pkr.hcl': source('ok') }, async (dir) => {
      const r = await kiln(['build', '-color=false', '.'], dir, TOKEN_ENV);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      for (const line of [
        '==> googlecompute.ok: Creating temporary rsa SSH key for instance...',
        '==> googlecompute.ok: Creating instance...',
        '==> googlecompute.ok: Waiting for SSH to become available...',
        '==> googlecompute.ok: Connected to SSH!',
        '    googlecompute.ok: provisioned as root on the instance',
        '==> googlecompute.ok: Stopping instance...',
        '==> googlecompute.ok: Creating image kiln-e2e-ok-',
        '==> googlecompute.ok: Deleting instance...',
        '==> googlecompute.ok: Deleting disk...',
        "--> googlecompute.ok: A disk image was created in the 'kiln-e2e' project: kiln-e2e-ok-",
      ])
        assert.ok(r.stdout.includes(line), `missing "${line}" in:\n${r.stdout}`);
      assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stderr);
    });
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
    assert.equal(fake.names(PROJECT).images.length, images + 1);
    assert.doesNotMatch(
      readFileSync(authorizedKeys, 'utf8'),
      /kiln-fake-agent/,
      'the key left with the instance',
    );
  });

  it('a quota error at instance creation fails the build with the quota named; nothing is left', async () => {
    fake.inject({
      call: 'instances.insert',
      at: 'operation',
      code: 'QUOTA_EXCEEDED',
      message: "Quota 'CPUS' exceeded.  Limit: 0.0 in region us-central1.",
    });
    await withTemplate({ 'g.pkr.hcl': source('quota') }, async (dir) => {
      const r = await kiln(['build', '-color=false', '.'], dir, TOKEN_ENV);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout + r.stderr,
        /Error creating instance: instance creation failed: Quota 'CPUS' exceeded\./,
      );
      assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stderr);
    });
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
  });

  it('an operation error at image creation fails the build; instance, disk and image are removed', async () => {
    const images = fake.names(PROJECT).images;
    fake.inject({
      call: 'images.insert',
      at: 'operation',
      code: 'INTERNAL_ERROR',
      message: 'Internal error.',
    });
    await withTemplate({ 'g.pkr.hcl': source('imgfail') }, async (dir) => {
      const r = await kiln(['build', '-color=false', '.'], dir, TOKEN_ENV);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout + r.stderr,
        /Error creating image: image creation failed: Internal error\. \(INTERNAL_ERROR\)/,
      );
    });
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
    assert.deepEqual(fake.names(PROJECT).images, images);
  });

  it('Ctrl-C while waiting for SSH deletes the instance and disk', async () => {
    await withTemplate(
      {
        'g.pkr.hcl': source('cancel', '  ssh_host = "127.0.0.1"\n  ssh_timeout = "5m"').replace(
          /ssh_port\s+= \d+/,
          'ssh_port = 9',
        ),
      },
      async (dir) => {
        const run = startKiln(['build', '-color=false', '.'], dir, TOKEN_ENV);
        await waitFor(
          () => run.stdout().includes('Waiting for SSH to become available...'),
          60_000,
          'the SSH waiter',
        );
        assert.equal(leftBehind().instances.length, 1, 'the instance runs while waiting');
        run.child.kill('SIGINT');
        const r = await run.done;
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /Build 'googlecompute\.cancel' errored after .+: Build was cancelled\./);
      },
    );
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
  });

  it('kiln cleanup lists what a killed build left, by its kiln-run label, and removes it with -force', async () => {
    await withTemplate(
      {
        'g.pkr.hcl': source('killed', '  ssh_host = "127.0.0.1"\n  ssh_timeout = "5m"').replace(
          /ssh_port\s+= \d+/,
          'ssh_port = 9',
        ),
      },
      async (dir) => {
        const run = startKiln(['build', '-color=false', '.'], dir, TOKEN_ENV);
        await waitFor(
          () => run.stdout().includes('Waiting for SSH to become available...'),
          60_000,
          'the SSH waiter',
        );
        for (const pid of childrenOf(run.child.pid ?? 0)) process.kill(pid, 'SIGKILL');
        run.child.kill('SIGKILL');
        await run.done;
        const left = leftBehind();
        assert.equal(left.instances.length, 1, JSON.stringify(left));
        const flags = ['cleanup', '-project', PROJECT, '-zone', ZONE, '-compute-endpoint', fake.url];
        const list = await kiln(flags, dir, TOKEN_ENV);
        assert.equal(list.code, 0, list.stdout + list.stderr);
        assert.match(
          list.stdout,
          new RegExp(`googlecompute\\tinstance\\t${left.instances[0]}\\t${PROJECT}/${ZONE}\\trun \\w+`),
        );
        assert.match(list.stdout, new RegExp(`googlecompute\\tdisk\\t${left.disks[0]}\\t`));
        assert.deepEqual(leftBehind(), left, 'a dry run removes nothing');
        const removed = await kiln([...flags, '-force'], dir, TOKEN_ENV);
        assert.equal(removed.code, 0, removed.stdout + removed.stderr);
        assert.match(removed.stdout, /Removed \d+ resource\(s\)\./);
      },
    );
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
  });
});

const motoSkip = skip || (await motoSkipReason());

/**
 * Seed 004: one legacy JSON template building on Amazon and Google in
 * parallel, then `atlas` post-processors. test/fixtures/templates/
 * seed-004-multicloud.json is the seed's template with what cannot exist
 * here given by variables: the endpoints (moto, the fake), the SSH endpoint
 * and user of the loopback sshd, the source AMI (moto's images have other
 * ids); the provisioner's elided package installation is replaced by a
 * command that only prints, since the "instances" are this machine.
 */
describe('seed 004: amazon-ebs and googlecompute in parallel from one template', {
  skip: motoSkip,
  timeout: 600_000,
}, () => {
  withFake();
  const seed = readFileSync(join(fixtures, 'seed-004-multicloud.json'), 'utf8');

  it('validate says the atlas post-processor was retired, at each block, naming the manifest post-processor', async () => {
    await withTemplate({ 'template.json': seed }, async (dir) => {
      const r = await kiln(['validate', 'template.json'], dir);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.equal(r.stderr.match(/Error: The post-processor "atlas" was retired/g)?.length, 2, r.stderr);
      assert.match(r.stderr, /on template\.json line 46:\n\s+46:\s+"type": "atlas",/);
      assert.match(r.stderr, /on template\.json line 55:/);
      assert.match(r.stderr, /use the "manifest" post-processor/);
      assert.doesNotMatch(r.stderr, /Unknown post-processor type/);
    });
  });

  it('kiln build runs both builds in parallel (atlas replaced by manifest, as validate advises); both images exist', async () => {
    const template = JSON.parse(seed) as { 'post-processors': Record<string, unknown>[] };
    template['post-processors'] = template['post-processors'].map((p) => ({
      type: 'manifest',
      only: p.only,
    }));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const account = {
      type: 'service_account',
      project_id: 'useapp',
      private_key_id: 'k1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: 'packer@useapp.iam.gserviceaccount.com',
      client_id: '1',
    };
    const ami = (await ec2('us-west-2').send(new DescribeImagesCommand({ Owners: ['099720109477'] })))
      .Images?.[0]?.ImageId;
    assert.ok(ami, 'moto has Ubuntu images in us-west-2');
    const before = fake.names('useapp').images;
    await withTemplate({ 'template.json': template, 'user.json': account }, async (dir) => {
      const vars = {
        source_ami: ami,
        ec2_endpoint: MOTO,
        gce_endpoint: fake.url,
        ssh_host: '127.0.0.1',
        ssh_port: String(sshd?.port ?? 2222),
        ssh_username: sshd?.user ?? 'root',
        ssh_key_file: sshd?.keyFile ?? '',
      };
      const args = Object.entries(vars).flatMap(([k, v]) => ['-var', `${k}=${v}`]);
      const r = await kiln(['build', '-color=false', ...args, 'template.json'], dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      for (const build of ['amazon-ebs', 'googlecompute']) {
        assert.match(r.stdout, new RegExp(`^ {4}${build}: provisioned by ${build}$`, 'm'));
        assert.match(r.stdout, new RegExp(`^Build '${build}' finished after `, 'm'));
      }
      // In parallel: the second build started before the first finished.
      const firstDone = Math.min(
        r.stdout.indexOf("Build 'amazon-ebs' finished"),
        r.stdout.indexOf("Build 'googlecompute' finished"),
      );
      for (const build of ['amazon-ebs', 'googlecompute'])
        assert.ok(r.stdout.search(new RegExp(`^(==>| {4})${build}: `, 'm')) < firstDone, r.stdout);
      const amiId = /us-west-2: (ami-[0-9a-f]+)/.exec(r.stdout)?.[1];
      assert.ok(amiId, r.stdout);
      const img = await ec2('us-west-2').send(new DescribeImagesCommand({ ImageIds: [amiId] }));
      assert.equal(img.Images?.[0]?.State, 'available');
      assert.match(img.Images?.[0]?.Name ?? '', /^packer-example \d+$/);
      assert.deepEqual(
        fake.names('useapp').images.filter((n) => !before.includes(n)),
        ['myimage'],
      );
      assert.match(r.stdout, /--> googlecompute: A disk image was created in the 'useapp' project: myimage/);
      const manifest = JSON.parse(readFileSync(join(dir, 'packer-manifest.json'), 'utf8')) as {
        builds: { name: string; artifact_id: string }[];
      };
      assert.deepEqual(manifest.builds.map((b) => `${b.name} ${b.artifact_id}`).sort(), [
        `amazon-ebs us-west-2:${amiId}`,
        'googlecompute myimage',
      ]);
    });
    assert.deepEqual(leftBehind('useapp'), { instances: [], disks: [] });
  });
});
