import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { hasStackTrace, kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';

const IMAGE = 'kiln-test/busybox:latest';
const REGISTRY = process.env.KILN_TEST_REGISTRY ?? '127.0.0.1:5000';
const dockerReady = spawnSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' }).status === 0;
const skip = dockerReady ? false : `needs the Docker Engine and ${IMAGE} (npm run env:up)`;
const unique = `${process.pid}-${Date.now().toString(36)}`;

function docker(...args: string[]): string {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function containersOf(label: string): string[] {
  return docker('ps', '-aq', '--filter', `label=${label}`).split('\n').filter(Boolean);
}

async function registryUp(): Promise<boolean> {
  try {
    return (await fetch(`http://${REGISTRY}/v2/`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

describe('docker plugin end to end (kiln build)', { skip, timeout: 300_000 }, () => {
  const images: string[] = [];
  after(() => {
    for (const i of images) spawnSync('docker', ['rmi', '-f', i], { stdio: 'ignore' });
  });

  it('commits with changes, keeps the base entrypoint, tags and pushes to the loopback registry', async (t) => {
    const pushing = await registryUp();
    if (!pushing) t.diagnostic(`no registry on ${REGISTRY}: the push step is left out`);
    const repo = pushing ? `${REGISTRY}/kiln-e2e/docker-${unique}` : `kiln-e2e/docker-${unique}`;
    images.push(`${repo}:one`, `${repo}:two`);
    const template = `
source "docker" "box" {
  image   = "${IMAGE}"
  pull    = false
  commit  = true
  author  = "e2e"
  changes = ["ENV STAGE=e2e", "LABEL kiln.e2e=yes", "WORKDIR /work", "EXPOSE 8080/tcp"]
}
build {
  sources = ["source.docker.box"]
  provisioner "shell" { inline = ["mkdir -p /work", "echo built > /work/proof"] }
  post-processors {
    post-processor "docker-tag" {
      repository = "${repo}"
      tags       = ["one", "two"]
    }
    ${pushing ? 'post-processor "docker-push" {}' : ''}
  }
}
`;
    await withTemplate({ 'box.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', '.'], dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      for (const line of [
        '==> docker.box: Creating a temporary directory for sharing data...',
        '==> docker.box: Starting docker container...',
        '==> docker.box: Committing the container',
      ]) {
        assert.ok(r.stdout.includes(line), `missing "${line}" in:\n${r.stdout}`);
      }
      assert.doesNotMatch(r.stdout, /Pulling Docker image/);
      assert.match(r.stdout, /--> docker\.box: Imported Docker image: sha256:[0-9a-f]{64}/);
      assert.ok(r.stdout.includes(`with tags ${repo}:one ${repo}:two`));
    });
    const cfg = JSON.parse(docker('image', 'inspect', `${repo}:one`, '--format', '{{json .Config}}')) as {
      Entrypoint: string[] | null;
      Cmd: string[] | null;
      Env: string[];
      WorkingDir: string;
      Labels: Record<string, string>;
    };
    const base = JSON.parse(docker('image', 'inspect', IMAGE, '--format', '{{json .Config}}')) as typeof cfg;
    assert.equal(
      cfg.Entrypoint?.length ? cfg.Entrypoint : null,
      base.Entrypoint?.length ? base.Entrypoint : null,
    );
    assert.deepEqual(cfg.Cmd, base.Cmd);
    assert.ok(cfg.Env.includes('STAGE=e2e'));
    assert.equal(cfg.WorkingDir, '/work');
    assert.equal(cfg.Labels['kiln.e2e'], 'yes');
    assert.equal(docker('run', '--rm', `${repo}:one`, 'cat', 'proof'), 'built\n');
    if (pushing) {
      const name = repo.slice(REGISTRY.length + 1);
      const tags = (await (await fetch(`http://${REGISTRY}/v2/${name}/tags/list`)).json()) as {
        tags: string[];
      };
      assert.deepEqual(tags.tags.sort(), ['one', 'two']);
    }
  });

  it('exports with export_path and imports with docker-import', async () => {
    const repo = `kiln-e2e/imported-${unique}`;
    images.push(`${repo}:v1`);
    const template = {
      builders: [{ type: 'docker', image: IMAGE, pull: false, export_path: 'out/box.tar' }],
      provisioners: [{ type: 'shell', inline: ['echo exported > /proof'] }],
      'post-processors': [{ type: 'docker-import', repository: repo, tag: 'v1', keep_input_artifact: true }],
    };
    await withTemplate({ 'template.json': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', 'template.json'], dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /==> docker: Exporting the container/);
      assert.match(r.stdout, /--> docker: Exported Docker image: .*out\/box\.tar/);
      assert.match(r.stdout, new RegExp(`--> docker: Imported Docker image: ${repo}:v1`));
      assert.ok(existsSync(join(dir, 'out', 'box.tar')));
      assert.equal(docker('run', '--rm', `${repo}:v1`, 'cat', '/proof'), 'exported\n');
    });
  });

  it('rejects bad configuration before anything runs, like Packer, naming the attribute', async () => {
    const template = {
      builders: [
        {
          type: 'docker',
          image: IMAGE,
          pull: false,
          commit: true,
          discard: true,
          changes: ['ENV A=1', 'FROM scratch'],
        },
      ],
    };
    await withTemplate({ 'template.json': template }, async (dir) => {
      const r = await kiln(['validate', 'template.json'], dir);
      assert.notEqual(r.code, 0);
      const out = r.stdout + r.stderr;
      assert.match(out, /changes/);
      assert.match(out, /FROM/);
      assert.match(out, /discard/);
      assert.ok(!hasStackTrace(out), out);
      if (existsSync('/usr/bin/packer')) {
        const p = spawnSync('/usr/bin/packer', ['validate', 'template.json'], {
          cwd: dir,
          encoding: 'utf8',
          timeout: 60_000,
        });
        assert.notEqual(p.status, 0, 'Packer rejects it too');
      }
    });
  });

  it('prints what Packer 1.6.6 prints for the same template', async (t) => {
    if (!existsSync('/usr/bin/packer')) return t.skip('Packer is not installed (/usr/bin/packer)');
    const repo = `kiln-e2e/diff-${unique}`;
    images.push(`${repo}:packer`, `${repo}:kiln`);
    const normalize = (text: string) =>
      text
        .split('\n')
        .filter((l) => !/output will be in this color/.test(l))
        .join('\n')
        .replace(/[0-9a-f]{64}/g, 'ID')
        // The engine gives the next free address; parallel suites' containers take some.
        .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, 'IP')
        .replace(/(finished after|completed after) [^.\n]*/g, '$1 T')
        .replace(/\/(tmp|root)\/\S+/g, 'PATH')
        .replace(/(packer|kiln)(?=\b)/g, 'TOOL')
        .trim();
    const outputs: string[] = [];
    for (const tool of ['packer', 'kiln']) {
      const template = {
        builders: [{ type: 'docker', image: IMAGE, pull: false, commit: true, changes: ['ENV A=1'] }],
        provisioners: [{ type: 'shell', inline: ['echo hello'] }],
        'post-processors': [{ type: 'docker-tag', repository: repo, tags: [tool] }],
      };
      await withTemplate({ 'template.json': template }, async (dir) => {
        if (tool === 'packer') {
          const p = spawnSync('/usr/bin/packer', ['build', '-color=false', 'template.json'], {
            cwd: dir,
            encoding: 'utf8',
            timeout: 120_000,
            env: { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_LOG: '' },
          });
          assert.equal(p.status, 0, p.stdout + p.stderr);
          outputs.push(normalize(p.stdout));
        } else {
          const r = await kiln(['build', '-color=false', 'template.json'], dir);
          assert.equal(r.code, 0, r.stdout + r.stderr);
          outputs.push(normalize(r.stdout));
        }
      });
    }
    assert.equal(outputs[1], outputs[0]);
  });

  it('a SIGKILLed kiln leaves no container and no plugin temp dir behind', async () => {
    const template = `
source "docker" "box" {
  image   = "${IMAGE}"
  pull    = false
  discard = true
}
build {
  sources = ["source.docker.box"]
  provisioner "shell" { inline = ["echo started", "sleep 120"] }
}
`;
    const tmp = mkdtempSync(join(tmpdir(), 'kiln-e2e-kill-'));
    after(() => rmSync(tmp, { recursive: true, force: true }));
    await withTemplate({ 'box.pkr.hcl': template }, async (dir) => {
      const run = startKiln(['build', '-color=false', '.'], dir, { KILN_TMPDIR: tmp, TMPDIR: tmp });
      await waitFor(
        () => /Container ID: ([0-9a-f]{64})/.test(run.stdout()),
        60_000,
        'the container to start',
      );
      await waitFor(() => run.stdout().includes('started'), 30_000, 'the provisioner to run');
      const id = /Container ID: ([0-9a-f]{64})/.exec(run.stdout())![1]!;
      assert.ok(containersOf(`io.kiln.build=docker.box`).some((c) => id.startsWith(c)));
      run.child.kill('SIGKILL');
      await run.done;
      const deadline = Date.now() + 15_000;
      while (
        Date.now() < deadline &&
        spawnSync('docker', ['container', 'inspect', id], { stdio: 'ignore' }).status === 0
      ) {
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.notEqual(
        spawnSync('docker', ['container', 'inspect', id], { stdio: 'ignore' }).status,
        0,
        `container ${id} outlived kiln`,
      );
      const shared = () => readdirSync(tmp).filter((n) => n.startsWith('kiln-docker-'));
      while (Date.now() < deadline && shared().length > 0) await new Promise((r) => setTimeout(r, 250));
      assert.deepEqual(shared(), [], 'the docker plugin left its sharing directory behind');
      // A killed core cannot remove its own socket directories and scripts;
      // the next kiln run that starts plugins does.
      const coreLeft = () => readdirSync(tmp).filter((n) => /^kiln-(core|plugin|shell)-/.test(n));
      assert.ok(coreLeft().length > 0, 'core left its socket directories (it was killed)');
      const next = await kiln(['validate', '.'], dir, { TMPDIR: tmp });
      assert.equal(next.code, 0, next.stderr);
      assert.deepEqual(coreLeft(), [], 'the next run swept what the killed one left');
    });
  });
});
