import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { hasStackTrace, kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';

const dockerReady = spawnSync('docker', ['image', 'inspect', 'kiln-test/busybox:latest']).status === 0;
const skip = dockerReady ? false : 'needs Docker and the kiln-test/busybox image (npm run env:up)';

const source = `
source "docker" "box" {
  image  = "kiln-test/busybox:latest"
  pull   = false
  commit = true
}
`;

function containerExists(id: string): boolean {
  return spawnSync('docker', ['container', 'inspect', id], { stdio: 'ignore' }).status === 0;
}

describe('kiln build with the docker plugin', { skip }, () => {
  it('runs a docker build through the plugin process and lists the image', async () => {
    const tag = `kiln-test/cli-e2e:${process.pid}`;
    const template = `${source}
build {
  sources = ["source.docker.box"]
  provisioner "shell" { inline = ["echo inside, $(cat /etc/hostname | wc -c)"] }
  post-processor "docker-tag" {
    repository = "kiln-test/cli-e2e"
    tags       = ["${process.pid}"]
  }
}
`;
    await withTemplate({ 'd.pkr.hcl': template }, async (dir) => {
      try {
        const r = await kiln(['build', 'd.pkr.hcl'], dir);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^ {4}docker\.box: inside, /m);
        assert.match(r.stdout, /^==> docker\.box: Running post-processor: docker-tag$/m);
        assert.match(r.stdout, /^ {4}docker\.box \(docker-tag\): /m);
        assert.match(r.stdout, new RegExp(`--> docker\\.box: .*${tag.replace(/[/.]/g, '\\$&')}`));
        assert.equal(spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status, 0);
      } finally {
        spawnSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
      }
    });
  });

  it('SIGINT during a provisioner removes the container and exits non-zero', async () => {
    const template = `${source}
build {
  sources = ["source.docker.box"]
  provisioner "shell" { inline = ["echo started", "sleep 60"] }
}
`;
    await withTemplate({ 'd.pkr.hcl': template }, async (dir) => {
      const run = startKiln(['build', 'd.pkr.hcl'], dir);
      let id = '';
      try {
        await waitFor(() => run.stdout().includes('docker.box: started'), 60_000, 'the provisioner to start');
        id = /Container ID: ([0-9a-f]{12,})/.exec(run.stdout())?.[1] ?? '';
        assert.ok(id, run.stdout());
        assert.ok(containerExists(id));
        run.child.kill('SIGINT');
        const r = await run.done;
        assert.notEqual(r.code, 0);
        assert.match(r.stdout, /Cancelling build after receiving interrupt/);
        assert.match(r.stdout, /Build 'docker\.box' errored after .+: Build was cancelled\./);
        assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stderr);
        assert.equal(containerExists(id), false, 'the container was removed');
      } finally {
        run.child.kill('SIGKILL');
        if (id) spawnSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
        const dangling = execFileSync('docker', ['ps', '-aq', '--filter', `id=${id || 'none'}`], {
          encoding: 'utf8',
        });
        assert.equal(dangling.trim(), '');
      }
    });
  });
});
