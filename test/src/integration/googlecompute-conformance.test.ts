import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findLeftovers, removeLeftovers, SdkComputeDriver } from '@kiln/plugin-googlecompute';
import { runConformance } from '@kiln/plugin-sdk/conformance';
import { type FakeComputeEngine, startFakeComputeEngine } from '../fakes/compute-engine-fake.js';

/**
 * The googlecompute plugin as a process, through the conformance kit,
 * against the Compute Engine FAKE: what the SIGKILLed plugin (crash check)
 * left is found by its kiln-run label and removed.
 */
const pkgDir = fileURLToPath(new URL('../../../plugins/googlecompute/', import.meta.url));
const PROJECT = 'kiln-conformance';
const ZONE = 'europe-west1-b';
let fake: FakeComputeEngine;
before(async () => {
  fake = await startFakeComputeEngine();
});
after(async () => {
  await fake.close();
});

describe('the googlecompute plugin as a process (against the Compute Engine fake)', {
  timeout: 300_000,
}, () => {
  it('passes the conformance checks; what the killed plugin left is found by its label and removed', async () => {
    const report = await runConformance(pkgDir, {
      fixtures: {
        googlecompute: {
          project_id: PROJECT,
          zone: ZONE,
          access_token: 'fake-token',
          custom_endpoints: { compute: fake.url },
          source_image_family: 'debian-12',
          image_name: 'conformance-{{timestamp}}',
          communicator: 'none',
        },
      },
    });
    const mine = /^(handshake|describe|schema:|cancel:builder\/googlecompute|crash|stdin|leaks)/;
    const failed = report.checks.filter((c) => c.status === 'fail' && mine.test(c.id));
    assert.deepEqual(
      failed.map((c) => `${c.id}: ${c.reason}\n${c.details.join('\n')}`),
      [],
    );
    const cancel = report.checks.find((c) => c.id === 'cancel:builder/googlecompute');
    assert.equal(cancel?.status, 'pass', cancel?.reason);
    const gce = new SdkComputeDriver({
      projectId: PROJECT,
      accessToken: 'fake-token',
      computeEndpoint: fake.url,
    });
    try {
      // The cancelled build cleaned up; the SIGKILLed one (crash check) could not: that is kiln cleanup's job.
      const left = await findLeftovers(gce, [ZONE]);
      assert.equal(new Set(left.map((l) => l.run)).size, 1, JSON.stringify(left));
      assert.ok(
        left.some((l) => l.kind === 'instance'),
        JSON.stringify(left),
      );
      assert.deepEqual(await removeLeftovers(gce, left, () => {}, new AbortController().signal), []);
      assert.deepEqual(await findLeftovers(gce, [ZONE]), []);
      assert.deepEqual(fake.names(PROJECT), { instances: [], disks: [], images: fake.names(PROJECT).images });
      assert.ok(
        fake.names(PROJECT).images.every((n) => n.startsWith('conformance-')),
        'only finished images stay',
      );
    } finally {
      await gce.close();
    }
  });
});
