import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointOf } from './access-config.js';
import { DEFAULT_SCOPES, prepareGceConfig } from './config.js';
import { gceMessage, isNotFound } from './errors.js';
import { instanceResource } from './instance-resource.js';
import type { GceState } from './state.js';

const base = { project_id: 'p', zone: 'us-central1-a', source_image: 'img', access_token: 't' };
const errors = (raw: Record<string, unknown>) =>
  prepareGceConfig(raw)
    .diagnostics.items.filter((d) => d.severity === 'error')
    .map((d) => d.summary);

test("Packer's defaults: machine, disk, network, image name, scopes, ssh user root", () => {
  const { config, diagnostics } = prepareGceConfig(base);
  assert.deepEqual(diagnostics.items, []);
  assert.equal(config.machineType, 'e2-standard-2');
  assert.equal(config.diskSizeGb, 20);
  assert.equal(config.diskType, 'pd-standard');
  assert.equal(config.network, 'default');
  assert.equal(config.imageName, 'packer-{{timestamp}}');
  assert.deepEqual(config.scopes, DEFAULT_SCOPES);
  assert.equal(config.communicator.username, 'root');
  assert.equal(config.stateTimeoutMs, 300_000);
  assert.equal(config.imageDescription, 'Created by Kiln');
  assert.equal(
    prepareGceConfig({ ...base, subnetwork: 's' }).config.network,
    '',
    'no default network with a subnetwork',
  );
});

test('bad settings are collected with their attribute', () => {
  assert.deepEqual(errors({ zone: 'z', access_token: 't' }), [
    'a project_id must be specified',
    'a source_image or source_image_family must be specified',
  ]);
  assert.deepEqual(errors({ ...base, omit_external_ip: true }), [
    'omit_external_ip requires use_internal_ip to be true',
  ]);
  assert.deepEqual(errors({ ...base, image_name: 'Bad_Name' }), [
    'image_name "Bad_Name" is not a valid Compute Engine name',
  ]);
  assert.deepEqual(errors({ ...base, account_file: 'a.json' }), [
    'only one of account_file, access_token can be given',
  ]);
  assert.deepEqual(errors({ ...base, state_timeout: 'soon' }), ['"soon" is not a duration']);
  assert.deepEqual(errors({ ...base, custom_endpoints: { compute: 'localhost:1' } }), [
    'custom_endpoints.compute must be a URL (http:// or https://)',
  ]);
  assert.deepEqual(errors({ ...base, image_encryption_key: { kmsKeyName: 'k', rawKey: 'r' } }), [
    'image_encryption_key takes kmsKeyName or rawKey, not both',
  ]);
});

test('custom_endpoints.compute becomes the client endpoint', () => {
  assert.deepEqual(endpointOf('http://127.0.0.1:8085/'), {
    apiEndpoint: '127.0.0.1',
    port: 8085,
    protocol: 'http',
  });
  assert.deepEqual(endpointOf('https://compute.example'), {
    apiEndpoint: 'compute.example',
    port: 443,
    protocol: 'https',
  });
  assert.equal(endpointOf('nope'), undefined);
});

test("Google's error envelope becomes one line with its reason", () => {
  const e = new Error(
    JSON.stringify({
      error: {
        code: 404,
        message: "The resource 'x' was not found",
        errors: [{ reason: 'notFound', message: 'm' }],
      },
    }),
  );
  assert.equal(gceMessage(e), "The resource 'x' was not found (notFound, HTTP 404)");
  assert.ok(isNotFound(e));
});

test('the instance: boot disk from the source image, labels of the run, metadata with the key and startup script', () => {
  const { config } = prepareGceConfig({
    ...base,
    subnetwork: 'sub',
    tags: ['ssh'],
    labels: { role: 'b' },
    metadata: { a: '1' },
    preemptible: true,
    disk_size: 30,
  });
  config.startupScript = 'echo hi';
  const state = {
    config,
    build: { runId: 'RUN1', buildName: 'googlecompute.x' },
    sourceImage: { name: 'img', selfLink: 'projects/q/global/images/img' },
    instanceName: 'kiln-1',
    diskName: 'kiln-1',
    sshKeysEntry: 'root:ssh-ed25519 AAAA kiln',
  } as unknown as GceState;
  const i = instanceResource(state);
  const labels = { role: 'b', 'kiln-run': 'run1', 'kiln-build': 'googlecompute-x' };
  assert.deepEqual(i.labels, labels);
  const disk = i.disks?.[0];
  assert.equal(disk?.autoDelete, false);
  assert.deepEqual(disk?.initializeParams?.labels, labels);
  assert.equal(disk?.initializeParams?.sourceImage, 'projects/q/global/images/img');
  assert.equal(String(disk?.initializeParams?.diskSizeGb), '30');
  assert.equal(i.networkInterfaces?.[0]?.subnetwork, 'projects/p/regions/us-central1/subnetworks/sub');
  assert.deepEqual(i.metadata?.items, [
    { key: 'a', value: '1' },
    { key: 'startup-script', value: 'echo hi' },
    { key: 'ssh-keys', value: 'root:ssh-ed25519 AAAA kiln' },
  ]);
  assert.deepEqual(i.scheduling, {
    preemptible: true,
    automaticRestart: false,
    onHostMaintenance: 'TERMINATE',
  });
  assert.deepEqual(i.tags, { items: ['ssh'] });
});
