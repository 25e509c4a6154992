// Kiln's container image (Dockerfile, docker-compose*.yml) against the real
// Docker Engine. No registry is reachable here, so the base image is made
// locally (test/env/make-node-base.sh, cached) and the image is built with
// PREBUILT=1 from this workspace's own build (kiln-prebuilt.tar: the workspace
// packages' published files and their production node_modules).
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildKilnImage, removeImages, stageContext, underImageLock } from './kiln-image.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const BASE = process.env.KILN_TEST_NODE_BASE ?? 'kiln-test/node-base:20';
const BUSYBOX = 'kiln-test/busybox:latest';
const FIXTURE = 'test/fixtures/templates/seed-002-docker-vars-local.json';
const unique = `${process.pid}-${Date.now().toString(36)}`;
const IMAGE = `kiln-test/kiln:${unique}`;
const COMPOSE_IMAGE = `kiln-test/kiln-compose:${unique}`;
const INIT_IMAGE = `kiln-test/kiln-init:${unique}`;

function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
) {
  return spawnSync(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 64 << 20,
  });
}

function out(r: SpawnSyncReturns<string>): string {
  return `${r.error ? `${r.error.message}\n` : ''}${r.stdout}${r.stderr}`;
}

function docker(...args: string[]): string {
  const r = run('docker', args);
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${out(r)}`);
  return r.stdout;
}

/** Why the suite cannot run here, or false. */
function unavailable(): string | false {
  if (run('docker', ['info'], { timeout: 15_000 }).status !== 0)
    return 'needs the Docker Engine (npm run env:up)';
  if (run('docker', ['image', 'inspect', BUSYBOX]).status !== 0) return `needs ${BUSYBOX} (npm run env:up)`;
  if (!existsSync(join(ROOT, 'cli/dist/main.js')) || !existsSync(join(ROOT, 'cli/oclif.manifest.json')))
    return 'needs the built workspace (npm run setup)';
  if (run('docker', ['image', 'inspect', BASE]).status === 0) return false;
  // The environment's base image: built once, then cached.
  const made = run('bash', [join(ROOT, 'test/env/make-node-base.sh'), BASE], { timeout: 600_000 });
  if (made.status !== 0) return `cannot make the base image ${BASE}: ${out(made).trim().split('\n').pop()}`;
  return false;
}

const skip = unavailable();

/** The image ids a legacy `docker build` printed (every step's and the result's). */
function builtIds(output: string): string[] {
  return [...output.matchAll(/(?:---> |Successfully built )([0-9a-f]{12})\b/g)].map((m) => m[1]!);
}

describe('container image (Dockerfile, docker-compose)', { skip, timeout: 480_000 }, () => {
  const ids: string[] = [];
  const tags: string[] = [];
  const baseId = skip ? '' : docker('image', 'inspect', '-f', '{{.Id}}', BASE).trim();
  let stage = '';
  let shared = '';
  let built: SpawnSyncReturns<string> | undefined;

  before(() => {
    stage = mkdtempSync(join(tmpdir(), 'kiln-container-context-'));
    shared = mkdtempSync(join(tmpdir(), 'kiln-container-tmp-'));
    const t0 = Date.now();
    stageContext(stage);
    // A template for KILN_INIT_TEMPLATE, in the context from the start so that the
    // second build reuses every layer before `kiln init`.
    mkdirSync(join(stage, 'init-check'));
    writeFileSync(
      join(stage, 'init-check', 'box.pkr.hcl'),
      'source "null" "box" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.box"]\n}\n',
    );
    const t1 = Date.now();
    tags.push(IMAGE);
    built = buildKilnImage(stage, IMAGE, BASE, { timeout: 360_000 });
    ids.push(...builtIds(built.stdout));
    console.log(
      `# staged the context in ${t1 - t0} ms, built ${IMAGE} in ${Math.round((Date.now() - t1) / 1000)} s (exit ${built.status})`,
    );
  });

  after(() => {
    removeImages(...tags);
    // Intermediate images, children first; never the base image or anything tagged by others.
    for (const id of [...new Set(ids)].reverse()) {
      if (baseId.startsWith(`sha256:${id}`)) continue;
      const tagged = run('docker', ['image', 'inspect', '-f', '{{json .RepoTags}}', id]);
      if (tagged.status !== 0) continue;
      const repoTags = JSON.parse(tagged.stdout) as string[];
      if (repoTags.some((t) => !tags.includes(t))) continue;
      removeImages(id);
    }
    if (stage) rmSync(stage, { recursive: true, force: true });
    if (shared) rmSync(shared, { recursive: true, force: true });
  });

  it('builds from the Dockerfile (PREBUILT=1, base image as a build argument)', (t) => {
    assert.ok(built, 'the build ran');
    assert.equal(built.status, 0, out(built));
    const size = Number(docker('image', 'inspect', '-f', '{{.Size}}', IMAGE));
    const base = Number(docker('image', 'inspect', '-f', '{{.Size}}', BASE));
    t.diagnostic(`${IMAGE}: ${Math.round(size / 1e6)} MB (base ${Math.round(base / 1e6)} MB)`);
  });

  it('has kiln as entrypoint, --help as command, /build as workdir and volume, VNC port 5900', () => {
    const cfg = JSON.parse(docker('image', 'inspect', '-f', '{{json .Config}}', IMAGE)) as {
      Entrypoint: string[];
      Cmd: string[];
      WorkingDir: string;
      Volumes: Record<string, object>;
      ExposedPorts: Record<string, object>;
      Env: string[];
    };
    assert.deepEqual(cfg.Entrypoint, ['kiln']);
    assert.deepEqual(cfg.Cmd, ['--help']);
    assert.equal(cfg.WorkingDir, '/build');
    assert.deepEqual(Object.keys(cfg.Volumes ?? {}), ['/build']);
    assert.deepEqual(Object.keys(cfg.ExposedPorts ?? {}), ['5900/tcp']);
    assert.ok(cfg.Env.includes('KILN_PLUGIN_PATH=/opt/kiln-plugins'), cfg.Env.join('\n'));
  });

  it('prints kiln help when run without arguments', () => {
    const r = run('docker', ['run', '--rm', IMAGE]);
    assert.equal(r.status, 0, out(r));
    assert.match(r.stdout, /USAGE\s+\$ kiln/);
    for (const c of ['build', 'init', 'validate', 'inspect', 'fmt', 'version'])
      assert.match(r.stdout, new RegExp(`\\n  ${c} `));
    const v = run('docker', ['run', '--rm', IMAGE, 'version']);
    assert.equal(v.status, 0, out(v));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'cli/package.json'), 'utf8')) as { version: string };
    assert.equal(v.stdout.trim(), `Kiln v${pkg.version}`);
  });

  it('has qemu-system-x86_64 and qemu-img', () => {
    for (const bin of ['qemu-system-x86_64', 'qemu-img']) {
      const r = run('docker', ['run', '--rm', '--entrypoint', bin, IMAGE, '--version']);
      assert.equal(r.status, 0, out(r));
      assert.match(r.stdout, /version \d+\.\d+/);
    }
  });

  it('runs kiln init at image build time on the template KILN_INIT_TEMPLATE names', () => {
    tags.push(INIT_IMAGE);
    const r = buildKilnImage(stage, INIT_IMAGE, BASE, {
      buildArgs: { KILN_INIT_TEMPLATE: 'init-check/box.pkr.hcl' },
      timeout: 300_000,
    });
    ids.push(...builtIds(r.stdout));
    assert.equal(r.status, 0, out(r));
    // A template without required_plugins: init runs on it and has nothing to install.
    assert.match(r.stdout, /No plugins requirement found/);
    const missing = buildKilnImage(stage, '', BASE, {
      buildArgs: { KILN_INIT_TEMPLATE: 'no/such.pkr.hcl' },
      timeout: 300_000,
    });
    ids.push(...builtIds(missing.stdout));
    assert.notEqual(missing.status, 0);
    assert.match(out(missing), /KILN_INIT_TEMPLATE=no\/such\.pkr\.hcl is not in the build context/);
  });

  it('builds the seed-002 template into an image on the host engine through the mounted socket', () => {
    const repository = `kiln-e2e/container-${unique}`;
    const target = `${repository}:0.1.0`;
    try {
      const r = run(
        'docker',
        [
          'run',
          '--rm',
          '-v',
          `${ROOT}:/build:ro`,
          '-v',
          '/var/run/docker.sock:/var/run/docker.sock',
          '-v',
          `${shared}:${shared}`,
          '-e',
          `KILN_TMPDIR=${shared}`,
          IMAGE,
          'build',
          '-color=false',
          '-var',
          `repository=${repository}`,
          FIXTURE,
        ],
        { timeout: 180_000 },
      );
      assert.equal(r.status, 0, out(r));
      assert.match(r.stdout, /==> docker: Creating a temporary directory for sharing data\.\.\./);
      assert.match(r.stdout, /--> docker: Imported Docker image: sha256:[0-9a-f]{64}/);
      assert.ok(r.stdout.includes(`with tags ${target}`), r.stdout);
      const cfg = JSON.parse(docker('image', 'inspect', '-f', '{{json .}}', target)) as {
        Author: string;
        Config: { ExposedPorts: Record<string, object> };
      };
      assert.equal(cfg.Author, 'Travis Thomsen');
      assert.deepEqual(Object.keys(cfg.Config.ExposedPorts ?? {}), ['3000/tcp']);
      assert.equal(docker('run', '--rm', target, 'cat', '/var/code/proof'), 'built\n');
      assert.deepEqual(readdirSync(shared), [], 'the shared temporary directory is cleaned up');
      const left = docker(
        'ps',
        '-aq',
        '--filter',
        `ancestor=${IMAGE}`,
        '--filter',
        `ancestor=${target}`,
      ).trim();
      assert.equal(left, '', 'no container is left behind');
    } finally {
      spawnSync('docker', ['rmi', '-f', target], { stdio: 'ignore', timeout: 60_000 });
    }
    assert.notEqual(run('docker', ['image', 'inspect', target]).status, 0, `${target} removed`);
  });

  it('builds the default way (npm install and tsc -b in the image) from the repository', () => {
    // Build containers do not trust this machine's certificate authorities, so
    // they reach the npm registry through the test environment's caching proxy
    // on the host (test/env/up.sh npmproxy), with the host's network.
    const proxy = `http://127.0.0.1:${process.env.KILN_NPM_PROXY_PORT ?? '4874'}/`;
    const ping = run('curl', ['-fsS', '-m', '5', `${proxy}-/ping`]);
    assert.equal(
      ping.status,
      0,
      `the npm proxy for build containers answers at ${proxy} (start it: test/env/up.sh npmproxy)`,
    );
    const image = `kiln-test/kiln-default:${unique}`;
    tags.push(image);
    const r = underImageLock(
      'docker',
      [
        'build',
        '--force-rm',
        '--network',
        'host',
        '--build-arg',
        `BASE_IMAGE=${BASE}`,
        '--build-arg',
        `NPM_REGISTRY=${proxy}`,
        '-t',
        image,
        '.',
      ],
      { timeout: 900_000 },
    );
    ids.push(...builtIds(r.stdout));
    assert.equal(r.status, 0, out(r));
    const v = run('docker', ['run', '--rm', image, 'version']);
    assert.equal(v.status, 0, out(v));
    assert.match(v.stdout, /^Kiln v/);
  });

  it('builds with docker-compose -f docker-compose.build.yml build and runs with docker-compose.yml', (t) => {
    if (run('docker-compose', ['version']).status !== 0) {
      t.skip('needs docker-compose (apt-get install docker-compose)');
      return;
    }
    const env = {
      KILN_IMAGE: COMPOSE_IMAGE,
      KILN_BASE_IMAGE: BASE,
      KILN_PREBUILT: '1',
      KILN_TMPDIR: shared,
      COMPOSE_PROJECT_NAME: `kilntest${unique.replace(/[^a-z0-9]/g, '')}`,
    };
    tags.push(COMPOSE_IMAGE);
    const b = underImageLock('docker-compose', ['-f', 'docker-compose.build.yml', 'build'], {
      cwd: stage,
      env,
      timeout: 300_000,
    });
    ids.push(...builtIds(b.stdout + b.stderr));
    assert.equal(b.status, 0, out(b));
    assert.equal(run('docker', ['image', 'inspect', COMPOSE_IMAGE]).status, 0, `${COMPOSE_IMAGE} exists`);
    writeFileSync(
      join(stage, 'compose-check.json'),
      JSON.stringify({ builders: [{ type: 'null', communicator: 'none' }] }),
    );
    try {
      // The template is read from the directory docker-compose.yml mounts at /build.
      const r = run('docker-compose', ['run', '--rm', 'kiln', 'validate', 'compose-check.json'], {
        cwd: stage,
        env,
      });
      assert.equal(r.status, 0, out(r));
      assert.match(r.stdout, /valid/i);
      const h = run('docker-compose', ['run', '--rm', 'kiln'], { cwd: stage, env });
      assert.equal(h.status, 0, out(h));
      assert.match(h.stdout, /USAGE\s+\$ kiln/);
    } finally {
      run('docker-compose', ['down', '--remove-orphans'], { cwd: stage, env });
    }
  });
});
