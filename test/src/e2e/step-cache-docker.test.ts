import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasStackTrace, type KilnRun, kiln } from './cli-helpers.js';

const dockerReady = spawnSync('docker', ['image', 'inspect', 'kiln-test/busybox:latest']).status === 0;
const skip = dockerReady
  ? false
  : 'needs Docker and the kiln-test/busybox image (bash test/env/up.sh docker)';

const docker = (...args: string[]) => spawnSync('docker', args, { encoding: 'utf8' });

/** The cache-step events of a -output=json run, as "step:action". */
function steps(r: KilnRun): string[] {
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { type: string; step?: number; action?: string; key?: string })
    .filter((e) => e.type === 'cache-step')
    .map((e) => `${e.step}:${e.action}`);
}

function keysOf(r: KilnRun): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of r.stdout.split('\n').filter((x) => x.startsWith('{'))) {
    const e = JSON.parse(l) as { type: string; step?: number; key?: string };
    if (e.type === 'cache-step') out[String(e.step)] = e.key!;
  }
  return out;
}

/** The image a run produced (from its artifact line). */
function imageOf(r: KilnRun): string {
  const m = /Imported Docker image: (sha256:[0-9a-f]{64})/.exec(r.stdout);
  assert.ok(m, `no image in the output:\n${r.stdout}${r.stderr}`);
  return m[1]!;
}

describe('kiln build -cache with the docker builder', { skip, concurrency: false }, () => {
  const nonce = randomBytes(6).toString('hex');
  const name = `cache${nonce}`;
  let dir = '';
  let otherBase = '';
  const images = new Set<string>();

  const template = (image = 'kiln-test/busybox:latest') => `
source "docker" "${name}" {
  image  = "${image}"
  pull   = false
  commit = true
}
build {
  sources = ["source.docker.${name}"]
  provisioner "shell" { script = "s1.sh" }
  provisioner "shell" { script = "s2.sh" }
  provisioner "shell" { script = "s3.sh" }
}
`;
  const write = async (files: Record<string, string>) => {
    for (const [f, text] of Object.entries(files)) await writeFile(join(dir, f), text);
  };
  const build = async (...extra: string[]) => {
    const r = await kiln(['build', '-cache', '-output=json', ...extra, 't.pkr.hcl'], dir);
    const m = /Imported Docker image: (sha256:[0-9a-f]{64})/.exec(r.stdout);
    if (m) images.add(m[1]!);
    assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stdout + r.stderr);
    return r;
  };
  const filesOf = (image: string) => docker('run', '--rm', image, 'cat', '/step1', '/step2', '/step3').stdout;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-e2e-cache-'));
    await write({
      't.pkr.hcl': template(),
      's1.sh': `#!/bin/sh\necho one ${nonce} > /step1\n`,
      's2.sh': '#!/bin/sh\necho two > /step2\n',
      's3.sh': '#!/bin/sh\necho three > /step3\n',
    });
  });

  after(async () => {
    // Built images first: a cache entry they were made from cannot be removed before them.
    for (const i of images) docker('rmi', '-f', i);
    const entries = docker('images', '-aq', '--filter', `label=io.kiln.cache.build=docker.${name}`)
      .stdout.split('\n')
      .filter(Boolean)
      .map((id) => [
        id,
        docker('inspect', '--format', '{{index .Config.Labels "io.kiln.cache.step"}}', id).stdout,
      ])
      .sort((a, b) => Number(b[1]) - Number(a[1]));
    for (const [id] of entries) docker('rmi', '-f', id!);
    const leftEntries = docker(
      'images',
      '-aq',
      '--filter',
      `label=io.kiln.cache.build=docker.${name}`,
    ).stdout.trim();
    if (otherBase) docker('rmi', '-f', otherBase);
    await rm(dir, { recursive: true, force: true });
    // No container of these builds is left, whatever happened.
    const left = docker('ps', '-aq', '--filter', `label=io.kiln.build=docker.${name}`).stdout.trim();
    assert.equal(left, '', `containers left: ${left}`);
    assert.equal(leftEntries, '', `step cache images left: ${leftEntries}`);
  });

  it('runs and saves every provisioner cold, then restores them all when nothing changed', async () => {
    const cold = await build();
    assert.equal(cold.code, 0, cold.stdout + cold.stderr);
    assert.deepEqual(steps(cold), ['1:ran', '1:saved', '2:ran', '2:saved', '3:ran', '3:saved']);
    assert.match(cold.stdout, /Step cache: saved provisioner 3 \(shell\)/);

    const warm = await build();
    assert.equal(warm.code, 0, warm.stdout + warm.stderr);
    assert.deepEqual(steps(warm), ['1:restored', '2:restored', '3:restored']);
    assert.doesNotMatch(warm.stdout, /Provisioning with shell script/);
    // Nothing runs in the container: it is created from the last entry and committed, never started.
    assert.match(warm.stdout, /Created the container from the step cache image without starting it/);
    assert.doesNotMatch(warm.stdout, /Starting docker container/);
    assert.deepEqual(keysOf(warm), keysOf(cold));
    assert.equal(filesOf(imageOf(warm)), `one ${nonce}\ntwo\nthree\n`);
  });

  it('-machine-readable carries the same per-step outcome', async () => {
    const r = await kiln(['build', '-cache', '-machine-readable', 't.pkr.hcl'], dir);
    const m = /Imported Docker image: (sha256:[0-9a-f]{64})/.exec(r.stdout);
    if (m) images.add(m[1]!);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.split(',')[2] === 'cache-step');
    assert.deepEqual(
      lines.map((l) => l.split(',').slice(1, 6).join(',')),
      [1, 2, 3].map((s) => `docker.${name},cache-step,${s},shell,restored`),
    );
  });

  it('a changed second script re-runs steps 2 and 3 and restores step 1', async () => {
    await write({ 's2.sh': '#!/bin/sh\necho TWO > /step2\n' });
    const r = await build();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(steps(r), ['1:restored', '2:ran', '2:saved', '3:ran', '3:saved']);
    assert.equal(filesOf(imageOf(r)), `one ${nonce}\nTWO\nthree\n`);
  });

  it('a changed base image re-runs everything', async () => {
    const c = docker('create', 'kiln-test/busybox:latest', 'true').stdout.trim();
    otherBase = docker('commit', '-c', 'LABEL kiln.test.other=1', c).stdout.trim();
    docker('rm', '-f', c);
    assert.match(otherBase, /^sha256:/);
    await write({ 't.pkr.hcl': template(otherBase) });
    try {
      const r = await build();
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.deepEqual(steps(r), ['1:ran', '1:saved', '2:ran', '2:saved', '3:ran', '3:saved']);
    } finally {
      await write({ 't.pkr.hcl': template() });
    }
  });

  it('a failed third step keeps the first two; fixed, the build resumes at step 3', async () => {
    await write({ 's3.sh': '#!/bin/sh\necho broken; exit 3\n' });
    const failed = await build();
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    assert.deepEqual(steps(failed), ['1:restored', '2:restored']);
    await write({ 's2.sh': '#!/bin/sh\necho two-b > /step2\n', 's3.sh': '#!/bin/sh\necho broken; exit 3\n' });
    const failed2 = await build();
    assert.equal(failed2.code, 1);
    assert.deepEqual(steps(failed2), ['1:restored', '2:ran', '2:saved']);
    await write({ 's3.sh': '#!/bin/sh\necho three-b > /step3\n' });
    const fixed = await build();
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.deepEqual(steps(fixed), ['1:restored', '2:restored', '3:ran', '3:saved']);
    assert.equal(filesOf(imageOf(fixed)), `one ${nonce}\ntwo-b\nthree-b\n`);
  });

  it('two concurrent cold runs both succeed and leave a usable cache', async () => {
    await write({ 's3.sh': `#!/bin/sh\nsleep 1; echo three-${nonce}-c > /step3\n` });
    const [a, b] = await Promise.all([build(), build()]);
    assert.equal(a.code, 0, a.stdout + a.stderr);
    assert.equal(b.code, 0, b.stdout + b.stderr);
    for (const r of [a, b]) assert.deepEqual(steps(r), ['1:restored', '2:restored', '3:ran', '3:saved']);
    const again = await build();
    assert.deepEqual(steps(again), ['1:restored', '2:restored', '3:restored']);
    assert.equal(filesOf(imageOf(again)), `one ${nonce}\ntwo-b\nthree-${nonce}-c\n`);
  });

  it('a deleted or corrupt intermediate image is a miss, never a failure', async () => {
    const keys = keysOf(await build());
    assert.equal(docker('rmi', `kiln-cache:${keys['3']}`).status, 0);
    const r = await build();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(steps(r), ['1:restored', '2:restored', '3:ran', '3:saved']);
    // An image under the entry's tag that is not that entry (no key label).
    docker('rmi', `kiln-cache:${keys['2']}`);
    assert.equal(docker('rmi', `kiln-cache:${keys['3']}`).status, 0);
    docker('tag', 'kiln-test/busybox:latest', `kiln-cache:${keys['2']}`);
    try {
      const c = await build();
      assert.equal(c.code, 0, c.stdout + c.stderr);
      assert.deepEqual(steps(c), ['1:restored', '2:ran', '2:saved', '3:ran', '3:saved']);
    } finally {
      docker('rmi', `kiln-cache:${keys['2']}`);
    }
  });

  it('kiln cache list shows the entries; kiln cache prune removes them', async () => {
    // -template keeps this to the entries of this test's template: other
    // runs beside it (another suite, another test run) have entries too.
    const none = await kiln(['cache', 'list', '-template', join(dir, 'no-such.pkr.hcl')], dir);
    assert.equal(none.code, 0, none.stdout + none.stderr);
    assert.doesNotMatch(none.stdout, new RegExp(`docker\\.${name}`));
    const list = await kiln(['cache', 'list', '-template', '.'], dir);
    assert.equal(list.code, 0, list.stdout + list.stderr);
    const mine = list.stdout.split('\n').filter((l) => l.includes(`docker.${name}`));
    assert.ok(mine.length >= 3, list.stdout);
    assert.match(
      mine[0]!,
      /^docker\s+[0-9a-f]{12}\s+\d+(\.\d)? k?B\s+\d+[smhd]\s+\S+t\.pkr\.hcl\s+docker\.cache\w+\s+1 shell/,
    );
    const bad = await kiln(['cache', 'prune', '-max-size', 'lots'], dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /-max-size "lots" is not a size/);
    const prune = await kiln(['cache', 'prune', '-older-than', '0s', '-template', 't.pkr.hcl'], dir);
    assert.equal(prune.code, 0, prune.stdout + prune.stderr);
    assert.match(prune.stdout, new RegExp(`Removed kiln-cache:[0-9a-f]+ \\(docker\\.${name} step 3\\)`));
    const after = await kiln(['cache', 'list', '-template', '.'], dir);
    assert.doesNotMatch(after.stdout, new RegExp(`docker\\.${name}`));
    const cold = await build();
    assert.deepEqual(
      steps(cold).filter((s) => s.endsWith('restored')),
      [],
    );
  });

  it('kiln { cache = true } turns it on without the flag; KILN_CACHE=0 turns it off', async () => {
    await write({ 'k.pkr.hcl': `kiln {\n  cache = true\n}\n${template()}` });
    const on = await kiln(['build', '-output=json', 'k.pkr.hcl'], dir);
    const m = /Imported Docker image: (sha256:[0-9a-f]{64})/.exec(on.stdout);
    if (m) images.add(m[1]!);
    assert.equal(on.code, 0, on.stdout + on.stderr);
    assert.deepEqual(steps(on), ['1:restored', '2:restored', '3:restored']);
    const off = await kiln(['build', '-output=json', 'k.pkr.hcl'], dir, { KILN_CACHE: '0' });
    const m2 = /Imported Docker image: (sha256:[0-9a-f]{64})/.exec(off.stdout);
    if (m2) images.add(m2[1]!);
    assert.equal(off.code, 0, off.stdout + off.stderr);
    assert.deepEqual(steps(off), []);
    assert.match(off.stdout, /Provisioning with shell script: s3\.sh/);
  });
});
