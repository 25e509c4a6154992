import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { kiln } from './cli-helpers.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/templates/', import.meta.url));
const IMAGE = 'kiln-test/busybox:latest';
const REGISTRY = process.env.KILN_TEST_REGISTRY ?? '127.0.0.1:5000';
const dockerReady = spawnSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' }).status === 0;
const skip = dockerReady ? false : `needs the Docker Engine and ${IMAGE} (npm run env:up)`;

const docker = (...args: string[]) => spawnSync('docker', args, { encoding: 'utf8' });

/**
 * The seeds' Docker templates, as their documents run them (`kiln build
 * -var 'tag=0.0.1' template.json`, `kiln build .`), on the local base image.
 */
/** The quick-start example, as `npm run example` runs it (with its own repository name). */
describe('the quick-start example builds and runs', { skip }, () => {
  it('kiln build examples/docker makes an image that prints its greeting', async () => {
    const repository = `kiln-e2e/example-${process.pid}`;
    after(() => docker('rmi', '-f', `${repository}:latest`));
    const example = fileURLToPath(new URL('../../../examples/docker', import.meta.url));
    const r = await kiln(['build', '-color=false', '-var', `repository=${repository}`, example], '.');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^ {4}docker\.busybox: hello from [0-9a-f]{12}$/m);
    const run = docker('run', '--rm', `${repository}:latest`);
    assert.match(run.stdout, /^hello from [0-9a-f]{12}\n$/, run.stderr);
    const env = docker('image', 'inspect', '-f', '{{json .Config.Env}}', `${repository}:latest`);
    assert.match(env.stdout, /"GREETING=hello"/);
  });
});

describe('the seed templates build images', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-seeds-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('seed 002: kiln build -var tag=0.0.1 makes la/express:0.0.1 with the provisioner in it', async () => {
    copyFileSync(join(fixtures, 'seed-002-docker-vars-local.json'), join(dir, 'packet.json'));
    after(() => docker('rmi', '-f', 'la/express:0.0.1'));
    const r = await kiln(['build', '-color=false', '-var', 'tag=0.0.1', 'packet.json'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^==> docker: Committing the container$/m);
    assert.match(r.stdout, /^ {4}docker \(docker-tag\): Repository: la\/express:0\.0\.1$/m);
    assert.match(r.stdout, /^--> docker: Imported Docker image: la\/express:0\.0\.1/m);
    assert.equal(
      r.stderr.match(/Warning: "tag" is deprecated: use "tags"/g)?.length,
      1,
      `the docker-tag deprecation is written once:\n${r.stderr}`,
    );
    assert.match(r.stderr, /on packet\.json line 33:/);
    const run = docker('run', '--rm', 'la/express:0.0.1', 'cat', '/var/code/proof');
    assert.equal(run.stdout.trim(), 'built', run.stderr);
    const exposed = docker('image', 'inspect', '-f', '{{json .Config.ExposedPorts}}', 'la/express:0.0.1');
    assert.match(exposed.stdout, /"3000\/tcp"/);
  });

  it('seed 003: kiln build . tags and pushes to a registry; the image carries the provisioner', async () => {
    const project = mkdtempSync(join(dir, 'seed-003-'));
    copyFileSync(join(fixtures, 'seed-003-docker-local.pkr.hcl'), join(project, 'docker-ubuntu.pkr.hcl'));
    const ref = `${REGISTRY}/kiln-seed/demo:0.6`;
    after(() => docker('rmi', '-f', ref));
    const r = await kiln(['build', '-color=false', '-var', `registry=${REGISTRY}`, '.'], project);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^==> docker-example\.docker\.ubuntu: Provisioning with shell script: /m);
    assert.match(r.stdout, /^ {4}docker-example\.docker\.ubuntu: Installing Redis$/m);
    assert.match(r.stdout, /^Build 'docker-example\.docker\.ubuntu' finished after /m);
    const run = docker('run', '--rm', ref, 'cat', '/example.txt');
    assert.equal(run.stdout.trim(), 'FOO is hello world', run.stderr);
    const tags = await fetch(`http://${REGISTRY}/v2/kiln-seed/demo/tags/list`).then((x) => x.json());
    assert.deepEqual((tags as { tags: string[] }).tags, ['0.6']);
  });
});
