import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runConformance } from '@kiln/plugin-sdk/conformance';
import { findLeftovers, removeLeftovers } from './leftovers.js';
import { SdkEc2Driver } from './sdk-driver.js';

const ENDPOINT = 'http://127.0.0.1:5001';
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
process.env.AWS_ACCESS_KEY_ID ??= 'testing';
process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
process.env.AWS_EC2_METADATA_DISABLED ??= 'true';

async function motoUnavailable(): Promise<string | false> {
  try {
    const r = await fetch(`${ENDPOINT}/moto-api/`, { signal: AbortSignal.timeout(2000) });
    return r.ok ? false : `moto on ${ENDPOINT} answered ${r.status}`;
  } catch {
    return `needs moto on ${ENDPOINT} (test/env/up.sh moto)`;
  }
}

const access = {
  region: 'us-east-1',
  customEndpointEc2: ENDPOINT,
  skipRegionValidation: true,
  maxRetries: 3,
};
const drivers = (region: string) => new SdkEc2Driver(access, region);

describe('the amazon plugin as a process (against moto)', {
  skip: await motoUnavailable(),
  timeout: 180_000,
}, () => {
  it('passes the conformance checks; what the killed plugin left is found by its tag and removed', async () => {
    const [source] = await drivers('us-east-1').describeImages({ owners: ['099720109477'] });
    const before = new Set((await findLeftovers(drivers, ['us-east-1'])).map((l) => l.id));
    const report = await runConformance(pkgDir, {
      fixtures: {
        'amazon-ebs': {
          region: 'us-east-1',
          custom_endpoint_ec2: ENDPOINT,
          source_ami: source?.ImageId,
          instance_type: 't2.micro',
          ami_name: 'conformance-{{timestamp}}',
          communicator: 'none',
        },
      },
    });
    const mine = /^(handshake|describe|schema:|cancel:builder\/amazon-ebs|crash|stdin|leaks)/;
    const failed = report.checks.filter((c) => c.status === 'fail' && mine.test(c.id));
    assert.deepEqual(
      failed.map((c) => `${c.id}: ${c.reason}\n${c.details.join('\n')}`),
      [],
    );
    const cancel = report.checks.find((c) => c.id === 'cancel:builder/amazon-ebs');
    assert.equal(cancel?.status, 'pass', cancel?.reason);
    // The cancelled build cleaned up; the SIGKILLed one (crash check) could not: that is kiln cleanup's job.
    const left = (await findLeftovers(drivers, ['us-east-1'])).filter((l) => !before.has(l.id));
    assert.deepEqual([...new Set(left.map((l) => l.run))].length, 1, JSON.stringify(left));
    assert.ok(
      left.some((l) => l.kind === 'instance'),
      JSON.stringify(left),
    );
    assert.deepEqual(await removeLeftovers(drivers, left, () => {}), []);
    const after = (await findLeftovers(drivers, ['us-east-1'])).filter((l) => !before.has(l.id));
    assert.deepEqual(after, []);
  });
});
