import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Placement } from '../../config/model.js';
import { configMapFor, jobFor, labelValue, objectName, secretFor } from './job-objects.js';
import { placementOf } from './kubernetes-executor.js';

const spec = {
  runId: 'ab12cd34',
  build: 'my-build.docker.Ubuntu_22',
  name: objectName('ab12cd34', 3, 'my-build.docker.Ubuntu_22'),
  image: 'kiln:0.1.0',
  dockerSocket: true,
  hostNetwork: false,
  filesMaxBytes: 1024,
};
const podFiles = { name: 'KILN_POD_FILES', value: '{"dir":"/build","maxBytes":1024}' };
const runId = { name: 'KILN_RUN_ID', value: 'ab12cd34' };

test('object names and labels are valid Kubernetes names', () => {
  assert.equal(spec.name, 'kiln-ab12cd34-3-my-build-docker-ubuntu-22');
  assert.ok(objectName('r', 0, 'x'.repeat(200)).length <= 52);
  assert.equal(labelValue('source.docker.a b'), 'source.docker.a-b');
  assert.equal(labelValue('***'), 'build');
});

test('the Job is suspended, labelled, has a TTL, no retry and no variables in its spec', () => {
  const job = jobFor(spec);
  assert.equal(job.spec?.suspend, true);
  assert.equal(job.spec?.backoffLimit, 0);
  assert.ok((job.spec?.ttlSecondsAfterFinished ?? 0) > 0);
  assert.equal(job.metadata?.labels?.['kiln/run'], 'ab12cd34');
  assert.equal(job.metadata?.labels?.['app.kubernetes.io/managed-by'], 'kiln');
  const pod = job.spec?.template.spec;
  assert.equal(pod?.restartPolicy, 'Never');
  assert.deepEqual(
    pod?.volumes?.map((v) => v.name),
    ['template', 'secret', 'build', 'docker', 'docker-tmp'],
  );
  // No variable in the spec: the environment names only the run, where the
  // files the build writes go back and where shared directories go.
  assert.deepEqual(pod?.containers[0]?.env, [runId, podFiles, { name: 'KILN_TMPDIR', value: '/tmp/kiln' }]);
  // No files come back with a limit of 0.
  assert.deepEqual(
    jobFor({ ...spec, dockerSocket: false, filesMaxBytes: 0 }).spec?.template.spec?.containers[0]?.env,
    [runId],
  );
});

test('the ConfigMap and Secret belong to the Job', () => {
  const owner = { metadata: { name: spec.name, uid: 'u-1' } };
  const payload = { archive: Buffer.from('tgz'), secret: { 'run.json': Buffer.from('{}') } };
  const cm = configMapFor(spec, payload, owner);
  const secret = secretFor(spec, payload, owner);
  assert.equal(cm.metadata?.ownerReferences?.[0]?.uid, 'u-1');
  assert.equal(secret.metadata?.ownerReferences?.[0]?.kind, 'Job');
  assert.equal(cm.binaryData?.['template.tar.gz'], Buffer.from('tgz').toString('base64'));
  assert.equal(secret.data?.['run.json'], Buffer.from('{}').toString('base64'));
});

test('kiln { placement } blocks give a build its node selector and resources, later ones winning', () => {
  const placements: Placement[] = [
    { pattern: 'qemu.*', nodeSelector: { 'kiln/kvm': 'true' }, requests: { cpu: '2', memory: '4Gi' } },
    { pattern: 'qemu.big', requests: { memory: '16Gi' }, limits: { memory: '16Gi' } },
    { pattern: 'docker.*', nodeSelector: { 'kiln/docker': 'true' } },
  ];
  assert.deepEqual(placementOf('qemu.big', placements), {
    nodeSelector: { 'kiln/kvm': 'true' },
    resources: { requests: { cpu: '2', memory: '16Gi' }, limits: { memory: '16Gi' } },
  });
  // A build block's name in front matches as -only matches it.
  assert.deepEqual(placementOf('images.docker.ubuntu', placements), {
    nodeSelector: { 'kiln/docker': 'true' },
  });
  assert.deepEqual(placementOf('null.a', placements), {});
  const pod = jobFor({ ...spec, ...placementOf('qemu.small', placements) }).spec?.template.spec;
  assert.deepEqual(pod?.nodeSelector, { 'kiln/kvm': 'true' });
  assert.deepEqual(pod?.containers[0]?.resources, { requests: { cpu: '2', memory: '4Gi' } });
  assert.equal(jobFor(spec).spec?.template.spec?.nodeSelector, undefined);
});

test('a docker build shares a directory with its container through the node: same path in the pod and on the node', () => {
  const pod = jobFor(spec).spec?.template.spec;
  const tmp = pod?.volumes?.find((v) => v.name === 'docker-tmp');
  assert.deepEqual(tmp?.hostPath, { path: '/tmp/kiln', type: 'DirectoryOrCreate' });
  assert.ok(
    pod?.containers[0]?.volumeMounts?.some((m) => m.name === 'docker-tmp' && m.mountPath === '/tmp/kiln'),
  );
  assert.deepEqual(pod?.containers[0]?.env, [runId, podFiles, { name: 'KILN_TMPDIR', value: '/tmp/kiln' }]);
  const other = jobFor({ ...spec, dockerSocket: false }).spec?.template.spec;
  assert.equal(
    other?.volumes?.find((v) => v.name === 'docker-tmp'),
    undefined,
  );
  assert.deepEqual(other?.containers[0]?.env, [runId, podFiles]);
});
