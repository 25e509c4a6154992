import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  added,
  amisIn,
  childrenOf,
  ENDPOINT,
  image,
  inventory,
  localSshd,
  motoSkipReason,
  motoValidatesInstanceTypes,
  tagsOf,
} from './amazon-helpers.js';
import { hasStackTrace, kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';

const skip = await motoSkipReason();
const unique = `${process.pid}-${Date.now().toString(36)}`;
const FILTER = `
  source_ami_filter {
    filters = {
      name                = "ubuntu/images/hvm-ssd/ubuntu-*-amd64-server-*"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    owners      = ["099720109477"]
    most_recent = true
  }`;

/** An amazon-ebs source on moto; `extra` is appended to its body. */
function source(name: string, extra: string): string {
  return `
source "amazon-ebs" "${name}" {
  region              = "us-east-1"
  custom_endpoint_ec2 = "${ENDPOINT}"
  instance_type       = "t2.micro"
  ami_name            = "kiln-e2e-${name}-${unique}-{{timestamp}}"
${extra}
}
build {
  sources = ["source.amazon-ebs.${name}"]
}
`;
}

/** ssh that never answers: the build waits in "Waiting for SSH to become available...". */
const DEAD_SSH = `
  ssh_username = "nobody"
  ssh_host     = "127.0.0.1"
  ssh_port     = 9
  ssh_timeout  = "5m"`;

describe('amazon-ebs end to end (kiln build against moto)', { skip, timeout: 600_000 }, () => {
  let sourceAmi = '';
  before(async () => {
    const { ec2 } = await import('./amazon-helpers.js');
    const { DescribeImagesCommand } = await import('@aws-sdk/client-ec2');
    const r = await ec2().send(new DescribeImagesCommand({ Owners: ['099720109477'] }));
    sourceAmi = r.Images?.[0]?.ImageId ?? '';
  });

  it('builds from source_ami_filter, tags the AMI and copies it to a second region', async () => {
    const east = await inventory('us-east-1');
    const west = await inventory('us-west-2');
    const template = source(
      'copy',
      `${FILTER}
  communicator = "none"
  ami_regions  = ["us-west-2"]
  ami_description = "from {{ .SourceAMIName }}"
  tags = {
    Name    = "kiln-e2e"
    Base    = "{{ .SourceAMI }}"
    Suite   = "${unique}"
  }
  snapshot_tags = { Snap = "yes" }
  run_tags      = { Role = "builder" }`,
    );
    await withTemplate({ 'a.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', '.'], dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      for (const line of [
        '==> amazon-ebs.copy: Launching a source AWS instance...',
        '==> amazon-ebs.copy: Waiting for instance (i-',
        '==> amazon-ebs.copy: Creating AMI kiln-e2e-copy-',
        '    amazon-ebs.copy: AMI: ami-',
        '==> amazon-ebs.copy: Waiting for AMI to become ready...',
        '==> amazon-ebs.copy: Copying/Encrypting AMI (ami-',
        '==> amazon-ebs.copy: Terminating the source AWS instance...',
        '==> amazon-ebs.copy: Cleaning up any extra volumes...',
        '==> amazon-ebs.copy: Deleting temporary security group...',
        '--> amazon-ebs.copy: AMIs were created:',
      ]) {
        assert.ok(r.stdout.includes(line), `missing "${line}" in:\n${r.stdout}`);
      }
      const amis = amisIn(r.stdout);
      assert.deepEqual(Object.keys(amis).sort(), ['us-east-1', 'us-west-2']);
      for (const [region, id] of Object.entries(amis)) {
        const img = await image(region, id);
        assert.equal(img?.State, 'available', `${region} ${id}`);
        const tags = tagsOf(img?.Tags);
        assert.equal(tags.Name, 'kiln-e2e');
        assert.equal(tags.Suite, unique);
        assert.match(tags.Base ?? '', /^ami-/);
        assert.equal(tags['kiln:incomplete'], undefined, 'a finished AMI is not marked incomplete');
      }
      const eastAdded = added(east, await inventory('us-east-1'));
      const westAdded = added(west, await inventory('us-west-2'));
      assert.deepEqual(eastAdded.images, [amis['us-east-1']]);
      assert.deepEqual(westAdded.images, [amis['us-west-2']]);
      for (const a of [eastAdded, westAdded]) {
        assert.deepEqual(
          { i: a.instances, k: a.keyPairs, g: a.securityGroups, v: a.volumes },
          { i: undefined, k: undefined, g: undefined, v: undefined },
        );
      }
    });
  });

  it('encrypt_boot replaces the AMI by an encrypted copy, which is what goes to the other region', async () => {
    const east = await inventory('us-east-1');
    const west = await inventory('us-west-2');
    await withTemplate(
      {
        'a.pkr.hcl': source(
          'enc',
          `${FILTER}\n  communicator = "none"\n  encrypt_boot = true\n  ami_regions = ["us-west-2"]`,
        ),
      },
      async (dir) => {
        const r = await kiln(['build', '-color=false', '.'], dir);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const plain = /AMI: (ami-[0-9a-f]+)/.exec(r.stdout)?.[1] ?? '';
        assert.ok(r.stdout.includes(`Deregistering the unencrypted AMI ${plain}`), r.stdout);
        const amis = amisIn(r.stdout);
        assert.notEqual(amis['us-east-1'], plain);
        assert.deepEqual(added(east, await inventory('us-east-1')).images, [amis['us-east-1']]);
        assert.deepEqual(added(west, await inventory('us-west-2')).images, [amis['us-west-2']]);
      },
    );
  });

  it('takes source_ami from an amazon-ami data source', async () => {
    const template = `
data "amazon-ami" "base" {
  region              = "us-east-1"
  custom_endpoint_ec2 = "${ENDPOINT}"
  filters             = { name = "ubuntu/images/hvm-ssd/ubuntu-*-amd64-server-*" }
  owners              = ["099720109477"]
  most_recent         = true
}
${source('data', '  source_ami = data.amazon-ami.base.id\n  communicator = "none"\n  skip_create_ami = true')}`;
    await withTemplate({ 'a.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', '.'], dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /amazon-ebs\.data: Found Image ID: ami-[0-9a-f]+/);
    });
  });

  it('runs a shell provisioner over ssh (ssh_host pointed at the local sshd)', async (t) => {
    const sshd = localSshd();
    if (!sshd) return t.skip('needs the loopback sshd (test/env/up.sh sshd)');
    const before = await inventory();
    const template = `${source(
      'ssh',
      `${FILTER}
  ssh_username         = "${sshd.user}"
  ssh_host             = "127.0.0.1"
  ssh_port             = ${sshd.port}
  ssh_private_key_file = "${sshd.keyFile}"
  ssh_timeout          = "30s"`,
    ).replace(
      /build \{\n {2}sources = \["source.amazon-ebs.ssh"\]\n/,
      `build {\n  sources = ["source.amazon-ebs.ssh"]\n  provisioner "shell" { inline = ["echo provisioned-${unique} from $(uname -s)"] }\n`,
    )}`;
    await withTemplate({ 'a.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', '.'], dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok(r.stdout.includes('==> amazon-ebs.ssh: Connected to SSH!'), r.stdout);
      assert.ok(r.stdout.includes(`amazon-ebs.ssh: provisioned-${unique} from Linux`), r.stdout);
      const a = added(before, await inventory());
      assert.equal(a.images?.length, 1);
      assert.deepEqual(
        { i: a.instances, k: a.keyPairs, g: a.securityGroups },
        { i: undefined, k: undefined, g: undefined },
      );
    });
  });

  it('vpc and subnet filters, an extra volume that outlives the instance, force_deregister', async () => {
    const template = source(
      'net',
      `${FILTER}
  communicator = "none"
  vpc_filter { filters = { isDefault = "true" } }
  subnet_filter {
    filters   = { default-for-az = "true" }
    most_free = true
  }
  associate_public_ip_address = true
  launch_block_device_mappings {
    device_name           = "/dev/sdf"
    volume_size           = 10
    volume_type           = "gp3"
    delete_on_termination = false
  }
  run_volume_tags       = { Purpose = "scratch" }
  user_data             = "#!/bin/sh\\necho hi"
  ena_support           = true
  ami_users             = ["123456789012"]
  force_deregister      = true
  force_delete_snapshot = true`,
    ).replace(/ami_name {12}= "[^"]*"/, `ami_name = "kiln-e2e-net-${unique}"`);
    const before = await inventory();
    await withTemplate({ 'a.pkr.hcl': template }, async (dir) => {
      const first = await kiln(['build', '-color=false', '.'], dir);
      assert.equal(first.code, 0, first.stdout + first.stderr);
      assert.match(first.stdout, /Found VPC ID: vpc-/);
      assert.match(first.stdout, /Found Subnet ID: subnet-/);
      assert.match(first.stdout, /Removing volume: vol-/);
      const firstAmi = amisIn(first.stdout)['us-east-1'] ?? '';
      const second = await kiln(['build', '-color=false', '.'], dir);
      assert.equal(second.code, 0, second.stdout + second.stderr);
      assert.ok(second.stdout.includes(`Deregistered AMI id: ${firstAmi}`), second.stdout);
      assert.equal(await image('us-east-1', firstAmi).catch(() => undefined), undefined);
      const a = added(before, await inventory());
      assert.deepEqual(a.images, [amisIn(second.stdout)['us-east-1']]);
      assert.deepEqual(
        { i: a.instances, v: a.volumes, g: a.securityGroups },
        { i: undefined, v: undefined, g: undefined },
      );
    });
  });

  /** Runs a template that must fail, and checks that it left nothing behind. */
  async function failsCleanly(template: string, expect: RegExp, env: NodeJS.ProcessEnv = {}) {
    const before = await inventory();
    await withTemplate({ 'a.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', '.'], dir, env);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, expect);
      assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stdout + r.stderr);
    });
    assert.deepEqual(added(before, await inventory()), {}, 'the failed build left resources behind');
  }

  it('an instance type moto refuses: the key pair and security group are removed', async (t) => {
    if (!(await motoValidatesInstanceTypes(sourceAmi)))
      return t.skip('moto does not validate instance types (start it with test/env/up.sh moto)');
    await failsCleanly(
      source('badtype', `${FILTER}${DEAD_SSH}`).replace('"t2.micro"', '"t2.impossible"'),
      /Error launching source instance: .*t2\.impossible/,
    );
  });

  it('a missing source AMI fails before anything is made', async () => {
    await failsCleanly(
      source('noami', `  source_ami = "ami-00000000deadbeef0"\n  communicator = "none"`),
      /No AMI was found/,
    );
  });

  it('a failure after the AMI was copied removes both AMIs and their snapshots', async () => {
    const east = await inventory('us-east-1');
    const west = await inventory('us-west-2');
    await withTemplate(
      {
        'a.pkr.hcl': source(
          'late',
          `${FILTER}\n  communicator = "none"\n  ami_regions = ["us-west-2"]\n  ami_users = ["not-an-account"]`,
        ),
      },
      async (dir) => {
        const r = await kiln(['build', '-color=false', '.'], dir);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /Waiting for all copies to complete\.\.\./);
        assert.match(
          r.stdout,
          /Error modify AMI attributes \(ami-[0-9a-f]+\) in us-east-1: InvalidAMIAttributeItemValue/,
        );
        assert.match(
          r.stdout,
          /Deregistering the AMI and deleting associated snapshots because of cancellation, or error\.\.\./,
        );
        assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stderr);
      },
    );
    assert.deepEqual(added(east, await inventory('us-east-1')), {}, 'us-east-1');
    assert.deepEqual(added(west, await inventory('us-west-2')), {}, 'us-west-2');
  });

  it('Ctrl-C while waiting for SSH terminates the instance and removes the key pair and group', async () => {
    const before = await inventory();
    await withTemplate({ 'a.pkr.hcl': source('cancel', `${FILTER}${DEAD_SSH}`) }, async (dir) => {
      const run = startKiln(['build', '-color=false', '.'], dir);
      await waitFor(
        () => run.stdout().includes('Waiting for SSH to become available...'),
        60_000,
        'the SSH waiter',
      );
      const during = added(before, await inventory());
      assert.equal(during.instances?.length, 1, 'the instance runs while waiting');
      assert.equal(during.keyPairs?.length, 1, 'a temporary key pair exists while waiting');
      run.child.kill('SIGINT');
      const r = await run.done;
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /Build 'amazon-ebs\.cancel' errored after .+: Build was cancelled\./);
      assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stderr);
    });
    assert.deepEqual(added(before, await inventory()), {}, 'the cancelled build left resources behind');
  });

  it('an unknown region is a clear error', async () => {
    await failsCleanly(
      source('region', `${FILTER}\n  communicator = "none"`).replace(
        'region              = "us-east-1"',
        'region = "xx-nowhere-1"',
      ),
      /Invalid region: xx-nowhere-1/,
    );
  });

  it('missing credentials are a clear error', async () => {
    await failsCleanly(
      source('creds', `${FILTER}\n  communicator = "none"`),
      /No valid credential sources found/,
      {
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_PROFILE: '',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_CONFIG_FILE: '/nonexistent/config',
      },
    );
  });

  it('takes credentials from a profile of the shared credentials file', async () => {
    const template = source(
      'profile',
      `${FILTER}\n  communicator = "none"\n  profile = "kiln-e2e"\n  skip_create_ami = true`,
    );
    await withTemplate(
      {
        'a.pkr.hcl': template,
        credentials: '[kiln-e2e]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
      },
      async (dir) => {
        const r = await kiln(['build', '-color=false', '.'], dir, {
          AWS_ACCESS_KEY_ID: '',
          AWS_SECRET_ACCESS_KEY: '',
          AWS_SHARED_CREDENTIALS_FILE: `${dir}/credentials`,
          AWS_CONFIG_FILE: '/nonexistent/config',
        });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /Found Image ID: ami-/);
      },
    );
  });

  it('-on-error=abort leaves what the build made, and the kiln cleanup command it prints removes it', async () => {
    const before = await inventory();
    await withTemplate(
      { 'a.pkr.hcl': source('abort', `${FILTER}${DEAD_SSH}`).replace('"t2.micro"', '"t2.impossible"') },
      async (dir) => {
        const r = await kiln(['build', '-color=false', '-on-error=abort', '.'], dir);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const left = added(before, await inventory());
        assert.equal(left.keyPairs?.length, 1, JSON.stringify(left));
        assert.equal(left.securityGroups?.length, 1, JSON.stringify(left));
        const command = /kiln cleanup (.* -force)/.exec(r.stdout + r.stderr)?.[1];
        assert.ok(command, r.stdout + r.stderr);
        const removed = await kiln(['cleanup', ...command.split(' ')], dir);
        assert.equal(removed.code, 0, removed.stdout + removed.stderr);
      },
    );
    assert.deepEqual(added(before, await inventory()), {});
  });

  it('kiln cleanup lists what a killed build left, and removes it with -force', async () => {
    const before = await inventory();
    await withTemplate({ 'a.pkr.hcl': source('killed', `${FILTER}${DEAD_SSH}`) }, async (dir) => {
      const run = startKiln(['build', '-color=false', '.'], dir);
      await waitFor(
        () => run.stdout().includes('Waiting for SSH to become available...'),
        60_000,
        'the SSH waiter',
      );
      // Kill the plugin process first, so that no cleanup runs at all.
      for (const pid of childrenOf(run.child.pid ?? 0)) process.kill(pid, 'SIGKILL');
      run.child.kill('SIGKILL');
      await run.done;
      const left = added(before, await inventory());
      assert.equal(left.instances?.length, 1, JSON.stringify(left));
      const flags = ['cleanup', '-region', 'us-east-1', '-endpoint', ENDPOINT];
      const list = await kiln(flags, dir);
      assert.equal(list.code, 0, list.stdout + list.stderr);
      assert.ok(list.stdout.includes(left.instances?.[0] ?? '?'), list.stdout);
      assert.match(list.stdout, /Run again with -force to remove them/);
      assert.equal(added(before, await inventory()).instances?.length, 1, 'a dry run removes nothing');
      const removed = await kiln([...flags, '-force'], dir);
      assert.equal(removed.code, 0, removed.stdout + removed.stderr);
      assert.match(removed.stdout, /Removed \d+ resource\(s\)\./);
    });
    assert.deepEqual(added(before, await inventory()), {}, 'kiln cleanup -force left resources behind');
  });
});
