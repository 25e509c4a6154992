import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { added, ENDPOINT, inventory, motoSkipReason } from './amazon-helpers.js';
import { withTemplate } from './cli-helpers.js';
import { kilnOnTerminal, pressEnterAtEachPause, requireScript } from './terminal.js';

/** -debug with the amazon-ebs builder: the kiln binary on a terminal, against moto. */

const unique = `${process.pid}-${Date.now().toString(36)}`;
const template = `
source "amazon-ebs" "debug" {
  region              = "us-east-1"
  custom_endpoint_ec2 = "${ENDPOINT}"
  instance_type       = "t2.micro"
  ami_name            = "kiln-policy-debug-${unique}"
  communicator        = "none"
  skip_create_ami     = true
  source_ami_filter {
    filters     = { name = "ubuntu/images/hvm-ssd/ubuntu-*-amd64-server-*" }
    owners      = ["099720109477"]
    most_recent = true
  }
}
build {
  sources = ["source.amazon-ebs.debug"]
}
`;

describe('build policy with the amazon-ebs builder (kiln binary, moto)', { timeout: 300_000 }, () => {
  before(async () => {
    const reason = await motoSkipReason();
    assert.equal(reason, false, `${reason}`);
  });

  it('-debug pauses after each step and before each cleanup; the instance runs at the provision pause', async () => {
    requireScript();
    const start = await inventory();
    await withTemplate({ 'a.pkr.hcl': template }, async (dir) => {
      const run = kilnOnTerminal(['build', '-debug', 'a.pkr.hcl'], dir, {
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
      });
      const atProvision: number[] = [];
      try {
        const { pauses, code } = await pressEnterAtEachPause(run, async (pause) => {
          if (pause === 'after run of provision')
            atProvision.push((added(start, await inventory()).instances ?? []).length);
        });
        assert.equal(code, 0, run.output());
        const after = pauses.filter((p) => p.startsWith('after run of ')).map((p) => p.slice(13));
        const cleanup = pauses.filter((p) => p.startsWith('before cleanup of ')).map((p) => p.slice(18));
        for (const step of [
          'source-ami',
          'key-pair',
          'security-group',
          'run-instance',
          'connect',
          'provision',
        ])
          assert.ok(after.includes(step), `no pause after ${step}: ${pauses.join(', ')}`);
        assert.deepEqual(cleanup, [...after].reverse(), 'a pause before each cleanup, in reverse');
        assert.deepEqual(atProvision, [1], 'the instance runs while kiln waits');
      } finally {
        run.kill();
      }
    });
    assert.deepEqual(added(start, await inventory()), {}, 'the cleanups removed everything');
  });
});
