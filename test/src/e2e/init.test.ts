import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasStackTrace, kiln } from './cli-helpers.js';
import {
  closedPort,
  fakePlugin,
  publish,
  publisher,
  REGISTRY,
  registryUp,
  repoRoot,
  unpublish,
} from './init-registry.js';

const up = await registryUp();
const dockerReady = spawnSync('docker', ['image', 'inspect', 'kiln-test/busybox:latest']).status === 0;
const skip = up ? false : `needs the npm registry on ${REGISTRY} (test/env/up.sh verdaccio)`;

/** The seed-003 template with a local image, as `kiln init` users write it. */
function template(requirements: string, body = SOURCE): string {
  return `packer {\n  required_plugins {\n${requirements}\n  }\n}\n${body}`;
}
const DOCKER = `    docker = {\n      version = ">= 0.0.7"\n      source  = "github.com/hashicorp/docker"\n    }`;
const SOURCE = `
source "docker" "busybox" {
  image  = "kiln-test/busybox:latest"
  pull   = false
  commit = true
}

build {
  name    = "docker-example"
  sources = ["source.docker.busybox"]
  provisioner "shell" {
    environment_vars = ["FOO=hello world"]
    inline           = ["echo \\"FOO is $FOO\\" > example.txt", "cat example.txt"]
  }
}
`;

const made: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), `kiln-e2e-init-${prefix}-`));
  made.push(d);
  return d;
}

/** A template directory outside the repository, with an .npmrc naming the test registry for the scopes. */
async function project(hcl: string, registry = REGISTRY): Promise<string> {
  const dir = await tempDir('tpl');
  await writeFile(join(dir, 'template.pkr.hcl'), hcl);
  await writeFile(join(dir, '.npmrc'), `@kiln:registry=${registry}\n@kiln-e2e:registry=${registry}\n`);
  return dir;
}

describe('kiln init against a real npm registry', { skip, timeout: 900_000 }, () => {
  let npmrc: { userconfig: string; dispose: () => Promise<void> };
  const published: string[] = [];
  const fakes: string[] = [];

  before(async () => {
    npmrc = await publisher();
    for (const p of ['proto', 'plugins/sdk', 'plugins/docker'])
      published.push(await publish(join(repoRoot, p), npmrc.userconfig));
    for (const [version, protocol] of [
      ['1.0.0', 1],
      ['2.0.0', 99],
    ] as const) {
      const dir = await fakePlugin('@kiln-e2e/kiln-plugin-box', version, protocol);
      fakes.push(dir);
      published.push(await publish(dir, npmrc.userconfig));
    }
  });

  after(async () => {
    for (const spec of published.reverse()) await unpublish(spec, npmrc.userconfig);
    await npmrc?.dispose();
    for (const d of [...made, ...fakes]) await rm(d, { recursive: true, force: true });
  });

  let pluginPath: string;
  let dir: string;
  const imageIds: string[] = [];
  after(() => {
    for (const id of imageIds) spawnSync('docker', ['image', 'rm', '-f', id], { stdio: 'ignore' });
  });

  it('publishes @kiln/plugin-docker self-contained: its bundles inside, no dependencies', async () => {
    const res = await fetch(`${REGISTRY}@kiln%2fplugin-docker`, { signal: AbortSignal.timeout(10_000) });
    const manifest = ((await res.json()) as { versions: Record<string, Record<string, unknown>> }).versions[
      '0.1.0'
    ]!;
    assert.equal(manifest.dependencies, undefined, JSON.stringify(manifest.dependencies));
    assert.equal(manifest.optionalDependencies, undefined);
    assert.equal(manifest.peerDependencies, undefined);
    assert.ok(
      (manifest.devDependencies as Record<string, string>).dockerode,
      'bundled dependencies are recorded',
    );
    assert.deepEqual(manifest.scripts ?? {}, {}, 'no scripts');
    const tarball = join(await tempDir('tarball'), 'plugin.tgz');
    await writeFile(
      tarball,
      Buffer.from(await (await fetch((manifest.dist as { tarball: string }).tarball)).arrayBuffer()),
    );
    const files = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
    assert.deepEqual(files.sort(), [
      'package/dist/main.js',
      'package/dist/plugin.bundle.cjs',
      'package/dist/reaper.bundle.cjs',
      'package/package.json',
    ]);
  });

  it('installs @kiln/plugin-docker for github.com/hashicorp/docker into an empty KILN_PLUGIN_PATH and writes the lock', async () => {
    pluginPath = await tempDir('plugins');
    dir = await project(template(DOCKER));
    // Only node on PATH: a dependency install (npm) would fail.
    const bin = await tempDir('node-only');
    await symlink(process.execPath, join(bin, 'node'));
    const r = await kiln(['init', '.'], dir, { KILN_PLUGIN_PATH: pluginPath, PATH: bin });
    assert.equal(r.code, 0, r.stderr);
    const installed = join(pluginPath, '@kiln', 'plugin-docker', '0.1.0');
    assert.match(
      r.stdout,
      /^Installed plugin github\.com\/hashicorp\/docker v0\.1\.0 in ".*plugin-docker\/0\.1\.0"$/m,
    );
    assert.ok(existsSync(join(installed, 'dist', 'main.js')));
    assert.ok(existsSync(join(installed, 'dist', 'plugin.bundle.cjs')));
    assert.ok(!existsSync(join(installed, 'node_modules')), 'nothing was installed beside the package');
    const receipt = JSON.parse(await readFile(join(installed, '.kiln-receipt.json'), 'utf8'));
    assert.equal(receipt.name, '@kiln/plugin-docker');
    assert.equal(receipt.protocol, 1);
    assert.match(receipt.integrity, /^sha512-/);
    assert.ok(receipt.files['dist/main.js']);
    const lock = JSON.parse(await readFile(join(dir, 'kiln.lock.json'), 'utf8'));
    assert.deepEqual(Object.keys(lock.plugins), ['github.com/hashicorp/docker']);
    assert.equal(lock.plugins['github.com/hashicorp/docker'].version, '0.1.0');
    assert.equal(lock.plugins['github.com/hashicorp/docker'].integrity, receipt.integrity);
    assert.deepEqual(
      (await readdir(pluginPath)).filter((f) => f.startsWith('.staging')),
      [],
      'no staging directory is left',
    );
  });

  it('does nothing when everything is installed', async (t) => {
    const lockBefore = await stat(join(dir, 'kiln.lock.json'));
    const entriesBefore = await readdir(pluginPath, { recursive: true });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = process.hrtime.bigint();
      const r = await kiln(['init', '.'], dir, { KILN_PLUGIN_PATH: pluginPath });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
    }
    t.diagnostic(
      `kiln init with everything installed: ${times.map((x) => `${Math.round(x)} ms`).join(', ')}`,
    );
    const lockAfter = await stat(join(dir, 'kiln.lock.json'));
    assert.equal(lockAfter.mtimeMs, lockBefore.mtimeMs, 'the lock file is not rewritten');
    assert.deepEqual(
      (await readdir(pluginPath, { recursive: true })).sort(),
      entriesBefore.sort(),
      'nothing is added to or removed from the plugin directory',
    );
  });

  it('lists the required plugin as installed', async () => {
    const r = await kiln(['plugins', 'required', '.'], dir, { KILN_PLUGIN_PATH: pluginPath });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /docker: github\.com\/hashicorp\/docker ">= 0\.0\.7" -> @kiln\/plugin-docker: installed 0\.1\.0/,
    );
  });

  it('builds outside the repository with the installed plugin', {
    skip: dockerReady ? false : 'needs Docker and kiln-test/busybox',
  }, async () => {
    const r = await kiln(['build', '.'], dir, { KILN_PLUGIN_PATH: pluginPath });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /FOO is hello world/);
    const id = /Imported Docker image: (sha256:[0-9a-f]+)/.exec(r.stdout)?.[1];
    assert.ok(id, r.stdout);
    imageIds.push(id);
  });

  it('refuses a plugin whose files were modified, and kiln init repairs it', async () => {
    const main = join(pluginPath, '@kiln', 'plugin-docker', '0.1.0', 'dist', 'main.js');
    await appendFile(main, '\n// tampered\n');
    const r = await kiln(['validate', '.'], dir, { KILN_PLUGIN_PATH: pluginPath });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /@kiln\/plugin-docker 0\.1\.0 .*was modified after it was installed \(dist\/main\.js was modified\)/,
    );
    assert.match(r.stderr, /Run `kiln init`/);
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
    const fixed = await kiln(['init', '.'], dir, { KILN_PLUGIN_PATH: pluginPath });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /Installed plugin github\.com\/hashicorp\/docker v0\.1\.0/);
    assert.doesNotMatch(await readFile(main, 'utf8'), /tampered/);
  });

  it('refuses a plugin that does not match the lock file', async () => {
    const lockFile = join(dir, 'kiln.lock.json');
    const original = await readFile(lockFile, 'utf8');
    try {
      const lock = JSON.parse(original);
      lock.plugins['github.com/hashicorp/docker'].integrity = 'sha512-AAAA';
      await writeFile(lockFile, JSON.stringify(lock));
      const r = await kiln(['validate', '.'], dir, { KILN_PLUGIN_PATH: pluginPath });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /does not match the lock file/);
      assert.match(r.stderr, /kiln init/);
    } finally {
      await writeFile(lockFile, original);
    }
  });

  it('explains a constraint that no version satisfies', async () => {
    const d = await project(template(DOCKER.replace('>= 0.0.7', '>= 9.0')));
    const r = await kiln(['init', '.'], d, { KILN_PLUGIN_PATH: await tempDir('plugins') });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /template\.pkr\.hcl:\d+:\d+: required plugin "docker" \(github\.com\/hashicorp\/docker >= 9\.0\)/,
    );
    assert.match(
      r.stderr,
      /@kiln\/plugin-docker has no version satisfying ">= 9\.0" in http:\/\/127\.0\.0\.1:\d+\/ \(available: 0\.1\.0\)/,
    );
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
  });

  it('says which registry cannot be reached, without a stack trace, in bounded time', async () => {
    const port = await closedPort();
    const d = await project(template(DOCKER), `http://127.0.0.1:${port}/`);
    const start = Date.now();
    const r = await kiln(['init', '.'], d, { KILN_PLUGIN_PATH: await tempDir('plugins') });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(
        `cannot reach the npm registry http://127\\.0\\.0\\.1:${port}/ for @kiln/plugin-docker: ECONNREFUSED`,
      ),
    );
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
    assert.ok(Date.now() - start < 30_000, `took ${Date.now() - start} ms`);
  });

  it('skips a newer version that speaks another plugin protocol, for an npm: source', async () => {
    const box = `    box = {\n      version = ">= 1.0"\n      source  = "npm:@kiln-e2e/kiln-plugin-box"\n    }`;
    const d = await project(template(box, ''));
    const plugins = await tempDir('plugins');
    const r = await kiln(['init', '.'], d, { KILN_PLUGIN_PATH: plugins });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Installed plugin npm:@kiln-e2e\/kiln-plugin-box v1\.0\.0/);
    assert.ok(
      existsSync(join(plugins, '@kiln-e2e', 'kiln-plugin-box', '1.0.0', 'node_modules', 'dockerode')),
      'the dependencies a third-party plugin declares are installed',
    );
    assert.ok(!existsSync(join(plugins, '@kiln-e2e', 'kiln-plugin-box', '2.0.0')));
    const listed = await kiln(['plugins', 'installed'], d, { KILN_PLUGIN_PATH: plugins });
    assert.match(listed.stdout, /@kiln-e2e\/kiln-plugin-box 1\.0\.0 \(installed: /);
    const only99 = await project(template(box.replace('>= 1.0', '>= 2.0'), ''));
    const refused = await kiln(['init', '.'], only99, { KILN_PLUGIN_PATH: plugins });
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /2\.0\.0 \(plugin protocol 99\) is not compatible with this kiln \(plugin protocol 1\)\. The newest compatible version is 1\.0\.0/,
    );
  });

  it('two concurrent inits both succeed and install once', async () => {
    const plugins = await tempDir('plugins');
    const a = await project(template(DOCKER));
    const b = await project(template(DOCKER));
    const [ra, rb] = await Promise.all([
      kiln(['init', '.'], a, { KILN_PLUGIN_PATH: plugins }),
      kiln(['init', '.'], b, { KILN_PLUGIN_PATH: plugins }),
    ]);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    const installs = [ra, rb].filter((r) => /Installed plugin/.test(r.stdout));
    assert.equal(installs.length, 1, `${ra.stdout}\n${rb.stdout}`);
    assert.deepEqual(await readdir(join(plugins, '@kiln', 'plugin-docker')), ['0.1.0']);
    assert.deepEqual(
      (await readdir(plugins)).filter((f) => f.startsWith('.staging')),
      [],
    );
    for (const d of [a, b]) assert.ok(existsSync(join(d, 'kiln.lock.json')));
  });

  it('mirrors the plugins a template needs and installs them with no registry', async () => {
    const mirror = await tempDir('mirror');
    const m = await kiln(['plugins', 'mirror', mirror, '.'], dir, { KILN_PLUGIN_PATH: pluginPath });
    assert.equal(m.code, 0, m.stderr);
    assert.match(m.stdout, /Mirrored @kiln\/plugin-docker v0\.1\.0/);
    const index = JSON.parse(await readFile(join(mirror, 'kiln-mirror.json'), 'utf8'));
    assert.match(index.packages['@kiln/plugin-docker']['0.1.0'].integrity, /^sha512-/);
    const port = await closedPort();
    const offline = await project(template(DOCKER), `http://127.0.0.1:${port}/`);
    const plugins = await tempDir('plugins');
    const env = { KILN_PLUGIN_PATH: plugins, npm_config_registry: `http://127.0.0.1:${port}/` };
    const r = await kiln(['init', '-from-mirror', mirror, '.'], offline, env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Installed plugin github\.com\/hashicorp\/docker v0\.1\.0/);
    const v = await kiln(['validate', '.'], offline, env);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  it('honours the lock until -upgrade moves it; plugins install takes a constraint', async () => {
    const box = `    box = {\n      version = "~> 1.0"\n      source  = "npm:@kiln-e2e/kiln-plugin-box"\n    }`;
    const d = await project(template(box, ''));
    const plugins = await tempDir('plugins');
    const env = { KILN_PLUGIN_PATH: plugins };
    const first = await kiln(['init', '.'], d, env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /kiln-plugin-box v1\.0\.0/);
    const newer = await fakePlugin('@kiln-e2e/kiln-plugin-box', '1.0.1', 1);
    fakes.push(newer);
    published.push(await publish(newer, npmrc.userconfig));
    await rm(join(plugins, '@kiln-e2e'), { recursive: true });
    const locked = await kiln(['init', '.'], d, env);
    assert.equal(locked.code, 0, locked.stderr);
    assert.match(locked.stdout, /kiln-plugin-box v1\.0\.0/, 'the locked version, not the newest');
    const upgraded = await kiln(['init', '-upgrade', '.'], d, env);
    assert.equal(upgraded.code, 0, upgraded.stderr);
    assert.match(upgraded.stdout, /kiln-plugin-box v1\.0\.1/);
    const lock = JSON.parse(await readFile(join(d, 'kiln.lock.json'), 'utf8'));
    assert.equal(lock.plugins['npm:@kiln-e2e/kiln-plugin-box'].version, '1.0.1');
    const manual = await kiln(['plugins', 'install', 'npm:@kiln-e2e/kiln-plugin-box', '= 1.0.0'], d, env);
    assert.equal(manual.code, 0, manual.stderr);
    assert.match(manual.stdout, /Plugin npm:@kiln-e2e\/kiln-plugin-box v1\.0\.0 is already installed/);
  });

  it('installs from a package directory and removes it', async () => {
    const plugins = await tempDir('plugins');
    const r = await kiln(['plugins', 'install', '-path', fakes[0]!], repoRoot, {
      KILN_PLUGIN_PATH: plugins,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Installed plugin @kiln-e2e\/kiln-plugin-box v1\.0\.0/);
    const rm1 = await kiln(['plugins', 'remove', 'npm:@kiln-e2e/kiln-plugin-box'], repoRoot, {
      KILN_PLUGIN_PATH: plugins,
    });
    assert.equal(rm1.code, 0, rm1.stderr);
    assert.match(rm1.stdout, /Removed .*kiln-plugin-box\/1\.0\.0/);
    const again = await kiln(['plugins', 'remove', 'npm:@kiln-e2e/kiln-plugin-box'], repoRoot, {
      KILN_PLUGIN_PATH: plugins,
    });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is not installed/);
  });
});
