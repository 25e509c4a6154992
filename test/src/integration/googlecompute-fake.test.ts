import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { googlecomputeBuilder, googlecomputeLeftovers } from '@kiln/plugin-googlecompute';
import type { Artifact, BuildContext, Hook } from '@kiln/plugin-sdk';
import { RecordingUi, testBuildContext } from '@kiln/plugin-sdk/testing';
import { type FakeComputeEngine, startFakeComputeEngine } from '../fakes/compute-engine-fake.js';

/**
 * The googlecompute builder, in process, through Google's Node client
 * against the Compute Engine FAKE (test/src/fakes/compute-engine-fake.ts):
 * the steps, operation waits, error paths and cleanup.
 */
const PROJECT = 'kiln-test';
const ZONE = 'us-central1-a';
let fake: FakeComputeEngine;
const dir = mkdtempSync(join(tmpdir(), 'kiln-gce-'));
before(async () => {
  fake = await startFakeComputeEngine();
});
after(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const body = (extra: Record<string, unknown> = {}) => ({
  project_id: PROJECT,
  zone: ZONE,
  access_token: 'fake-token',
  custom_endpoints: { compute: fake.url },
  source_image_family: 'ubuntu-2204-lts',
  communicator: 'none',
  ...extra,
});

async function build(
  raw: Record<string, unknown>,
  o: { build?: Partial<BuildContext>; signal?: AbortSignal } = {},
): Promise<{ artifact?: Artifact; error?: Error; ui: RecordingUi; ctx: BuildContext }> {
  const ctx = testBuildContext({
    runId: `r${Math.random().toString(36).slice(2, 10)}`,
    buildName: 'googlecompute.test',
    builderType: 'googlecompute',
    ...o.build,
  });
  const prepared = await googlecomputeBuilder().prepare(raw, ctx);
  const ui = new RecordingUi();
  const hook: Hook = { run: async () => {} };
  try {
    const artifact = await prepared.run({
      ui,
      hook,
      signal: o.signal ?? new AbortController().signal,
      sessionId: 's',
      build: ctx,
    });
    return { ...(artifact ? { artifact } : {}), ui, ctx };
  } catch (error) {
    return { error: error as Error, ui, ctx };
  }
}

/** Waits until `pred` holds (a loaded machine is slow), or fails saying what it waited for. */
async function until(pred: () => boolean, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const leftBehind = () => {
  const n = fake.names(PROJECT);
  return { instances: n.instances, disks: n.disks };
};

describe('googlecompute against the Compute Engine fake', () => {
  it('builds an image from a family: labelled with the run, instance and disk gone, operations polled', async () => {
    const images = fake.names(PROJECT).images.length;
    const r = await build(
      body({
        image_name: 'kiln-it-{{timestamp}}',
        image_family: 'kiln-it',
        image_labels: { team: 'a' },
        labels: { role: 'builder' },
      }),
    );
    assert.equal(r.error, undefined, r.ui.lines.join('\n'));
    assert.match(r.artifact?.id ?? '', /^kiln-it-\d+$/);
    assert.equal(r.artifact?.builderId, 'packer.googlecompute');
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
    assert.equal(fake.names(PROJECT).images.length, images + 1);
    const labels = r.artifact?.state.image_labels as Record<string, string>;
    assert.deepEqual(labels, { team: 'a', 'kiln-run': r.ctx.runId, 'kiln-build': 'googlecompute-test' });
    const ui = r.ui.lines.join('\n');
    for (const line of [
      'Creating instance...',
      'Stopping instance...',
      'Creating image kiln-it-',
      'Deleting instance...',
      'Deleting disk...',
    ])
      assert.ok(ui.includes(line), `missing "${line}" in:\n${ui}`);
    assert.match(ui, /Using source image ubuntu-2204-jammy-v20240110 of project ubuntu-os-cloud/);
    const polls = fake.requests.filter((x) => /\/operations\//.test(x)).length;
    assert.ok(polls >= 8, `operations were polled through their states (${polls} polls)`);
    assert.ok(
      fake.requests.includes(`GET /compute/v1/projects/${PROJECT}/global/images/family/ubuntu-2204-lts`),
    );
  });

  it('a quota error at instance creation fails the build, names the quota, and leaves nothing', async () => {
    fake.inject({
      call: 'instances.insert',
      at: 'operation',
      code: 'QUOTA_EXCEEDED',
      message: "Quota 'CPUS' exceeded.  Limit: 0.0 in region us-central1.",
    });
    const images = fake.names(PROJECT).images.length;
    const r = await build(body({ image_name: 'kiln-quota' }));
    assert.match(
      r.error?.message ?? '',
      /Error creating instance: instance creation failed: Quota 'CPUS' exceeded.*\(QUOTA_EXCEEDED\)/,
    );
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
    assert.equal(fake.names(PROJECT).images.length, images);
  });

  it('a quota error answered by the insert call itself (HTTP 403) is reported with its reason', async () => {
    fake.inject({
      call: 'instances.insert',
      at: 'http',
      status: 403,
      code: 'quotaExceeded',
      message: "Quota 'SSD_TOTAL_GB' exceeded.",
    });
    const r = await build(body());
    assert.match(
      r.error?.message ?? '',
      /Error creating instance: Quota 'SSD_TOTAL_GB' exceeded\. \(quotaExceeded, HTTP 403\)/,
    );
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
  });

  it('an operation error at image creation fails the build; instance, disk and image are removed', async () => {
    fake.inject({
      call: 'images.insert',
      at: 'operation',
      code: 'INTERNAL_ERROR',
      message: 'Internal error. Please try again.',
    });
    const r = await build(body({ image_name: 'kiln-broken-image' }));
    assert.match(
      r.error?.message ?? '',
      /Error creating image: image creation failed: Internal error\. Please try again\. \(INTERNAL_ERROR\)/,
    );
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
    assert.ok(!fake.names(PROJECT).images.includes('kiln-broken-image'));
  });

  it('a source image that exists nowhere fails with the projects searched (each answered 404)', async () => {
    const r = await build(
      body({
        source_image_family: undefined,
        source_image: 'no-such-image',
        source_image_project_id: ['a-proj', 'b-proj'],
      }),
    );
    assert.match(
      r.error?.message ?? '',
      /Could not find the source image no-such-image in the projects a-proj, b-proj/,
    );
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
  });

  it('Ctrl-C while waiting for SSH ends the wait and removes the instance and disk', async () => {
    const ac = new AbortController();
    const done = build(body({ communicator: 'ssh', ssh_host: '127.0.0.1', ssh_port: 9, ssh_timeout: '5m' }), {
      signal: ac.signal,
    });
    try {
      await until(() => fake.names(PROJECT).instances.length === 1, 'the instance to be created');
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      ac.abort();
    }
    const r = await done;
    assert.ok(r.error, 'the build was cancelled');
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
  });

  it('Ctrl-C during an operation wait (image creation) ends the wait at once and removes instance and disk', async () => {
    fake.hold('images.insert');
    const seen = fake.requests.length;
    const ac = new AbortController();
    const done = build(body({ image_name: 'kiln-held-image' }), { signal: ac.signal });
    let aborted = 0;
    try {
      await until(
        () => fake.requests.slice(seen).includes(`POST /compute/v1/projects/${PROJECT}/global/images`),
        'the image creation to start',
      );
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      aborted = Date.now();
      ac.abort();
    }
    const r = await done;
    assert.ok(r.error, 'the build was cancelled');
    assert.doesNotMatch(r.error.message, /Timed out/);
    assert.ok(
      r.ui.lines.some((l) => l.includes('Creating image kiln-held-image')),
      r.ui.lines.join('\n'),
    );
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
    assert.ok(Date.now() - aborted < 30_000, 'the wait ended on abort, not at state_timeout');
  });

  it('an aborted build leaves its instance and disk; kiln cleanup finds them by run and removes them', async () => {
    fake.inject({ call: 'images.insert', at: 'operation', code: 'INTERNAL_ERROR', message: 'boom' });
    const r = await build(body(), { build: { onError: 'abort' } });
    assert.ok(r.error);
    assert.match(
      r.ui.lines.join('\n'),
      /kiln cleanup -project kiln-test -zone us-central1-a -compute-endpoint http:\/\/127\.0\.0\.1:\d+\/ -run r\w+ -force/,
    );
    assert.equal(leftBehind().instances.length, 1);
    const finder = googlecomputeLeftovers();
    const scope = {
      run: r.ctx.runId,
      options: { project: [PROJECT], zone: [ZONE], 'compute-endpoint': [fake.url] },
    };
    process.env.GOOGLE_OAUTH_ACCESS_TOKEN = 'fake-token';
    const signal = new AbortController().signal;
    const list = await finder.list(scope, signal);
    assert.deepEqual(list.leftovers.map((l) => `${l.kind} ${l.location} ${l.run}`).sort(), [
      `disk ${PROJECT}/${ZONE} ${r.ctx.runId}`,
      `instance ${PROJECT}/${ZONE} ${r.ctx.runId}`,
    ]);
    const other = await finder.list({ ...scope, run: 'someone-else' }, signal);
    assert.deepEqual(other.leftovers, []);
    const removed = await finder.remove(list.leftovers, scope, signal);
    assert.deepEqual(removed.failed, []);
    assert.equal(removed.removed.length, 2);
    assert.deepEqual(leftBehind(), { instances: [], disks: [] });
    delete process.env.GOOGLE_OAUTH_ACCESS_TOKEN;
  });

  it('a service account key (account_file) signs its own token; a bad file is named', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = {
      type: 'service_account',
      project_id: PROJECT,
      private_key_id: 'k1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: `kiln@${PROJECT}.iam.gserviceaccount.com`,
      client_id: '1',
    };
    writeFileSync(join(dir, 'user.json'), JSON.stringify(key));
    const ok = await build(
      body({ access_token: undefined, account_file: join(dir, 'user.json'), skip_create_image: true }),
    );
    assert.equal(ok.error, undefined, ok.ui.lines.join('\n'));
    assert.match(ok.ui.lines.join('\n'), /Using credentials from account_file .*user\.json/);
    writeFileSync(join(dir, 'bad.json'), '{"type": "nope"}');
    const bad = await build(body({ access_token: undefined, account_file: join(dir, 'bad.json') }));
    assert.match(
      bad.error?.message ?? '',
      /account_file is not a Google credentials file \(its "type" is "nope"/,
    );
    const saved = { home: process.env.HOME, adc: process.env.GOOGLE_APPLICATION_CREDENTIALS };
    process.env.HOME = dir;
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    try {
      const none = await build(body({ access_token: undefined }));
      assert.match(
        none.error?.message ?? '',
        /^No Google credentials found: tried Application Default Credentials \(GOOGLE_APPLICATION_CREDENTIALS unset, .*\): .*[^.]\. Set account_file, credentials_file, credentials_json or access_token/,
      );
    } finally {
      process.env.HOME = saved.home;
      if (saved.adc) process.env.GOOGLE_APPLICATION_CREDENTIALS = saved.adc;
    }
    const missing = await build(
      body({ access_token: undefined, credentials_file: join(dir, 'missing.json') }),
    );
    assert.match(missing.error?.message ?? '', /credentials_file .*missing\.json: no such file/);
  });
});
