import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import yazl from 'yazl';
import { hasStackTrace, kiln } from './cli-helpers.js';
import { REGISTRY, registryUp } from './init-registry.js';

/**
 * `kiln init` of a required plugin that no npm package provides: the Packer
 * plugin's GitHub release is fetched as `packer init` does. GitHub cannot be
 * reached from the test machines, so a local HTTP server STANDS IN FOR
 * GITHUB here (its API's matching-refs listing and release downloads),
 * serving a real release zip of the test tree's Packer plugin
 * (test/packer-plugin-kilntest, built by test/env/up.sh packertest).
 */
const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const plugin = join(stateDir, 'packer-plugin-kilntest');
const REPO = '/kiln-test/packer-plugin-kilntest';
const BIN = 'packer-plugin-kilntest_v0.3.1_x5.0_linux_amd64';

function zipOf(name: string, file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    z.addFile(file, name, { mode: 0o100755 });
    z.end();
    const parts: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => parts.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(parts)));
    z.outputStream.on('error', reject);
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The stand-in for GitHub: what it serves, and the requests it saw. */
interface StandIn {
  server: Server;
  url: string;
  requests: { path: string; auth: string | undefined }[];
}

async function gitHubStandIn(zip: Buffer, badSumsFor: string): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  const routes: Record<string, () => [number, string | Buffer]> = {
    [`/api/repos${REPO}/git/matching-refs/tags`]: () => [
      200,
      JSON.stringify([
        { ref: 'refs/tags/v0.2.0' },
        { ref: 'refs/tags/v0.3.1' },
        { ref: 'refs/tags/v0.4.0' },
        { ref: `refs/tags/${badSumsFor}` },
      ]),
    ],
    [`/dl${REPO}/releases/download/v0.3.1/packer-plugin-kilntest_v0.3.1_SHA256SUMS`]: () => [
      200,
      `${sha256(zip)}  packer-plugin-kilntest_v0.3.1_x5.0_linux_amd64.zip\n${'0'.repeat(64)}  packer-plugin-kilntest_v0.3.1_x5.0_darwin_arm64.zip\n`,
    ],
    [`/dl${REPO}/releases/download/v0.3.1/packer-plugin-kilntest_v0.3.1_x5.0_linux_amd64.zip`]: () => [
      200,
      zip,
    ],
    // v0.4.0 was released without assets: skipped, as packer init skips it.
    [`/dl${REPO}/releases/download/${badSumsFor}/packer-plugin-kilntest_${badSumsFor}_SHA256SUMS`]: () => [
      200,
      `${'1'.repeat(64)}  packer-plugin-kilntest_${badSumsFor}_x5.0_linux_amd64.zip\n`,
    ],
    [`/dl${REPO}/releases/download/${badSumsFor}/packer-plugin-kilntest_${badSumsFor}_x5.0_linux_amd64.zip`]:
      () => [200, zip],
  };
  const server = createServer((req: IncomingMessage, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    requests.push({ path, auth: req.headers.authorization });
    const route = routes[path];
    const [status, body] = route ? route() : [404, 'not found'];
    res.writeHead(status).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { server, url, requests };
}

describe('kiln init fetches a Packer plugin from its GitHub release (local stand-in for GitHub)', {
  timeout: 120_000,
}, () => {
  let gh: StandIn;
  let pluginPath = '';
  let dir = '';
  const env = () => ({
    KILN_PLUGIN_PATH: pluginPath,
    KILN_GITHUB_API_URL: `${gh.url}/api`,
    KILN_GITHUB_DOWNLOAD_URL: `${gh.url}/dl`,
    PACKER_GITHUB_API_TOKEN: 'kiln-test-token',
  });
  const template = (constraint: string) => `
packer {
  required_plugins {
    kilntest = {
      source  = "github.com/kiln-test/kilntest"
      version = "${constraint}"
    }
  }
}
source "kilntest" "a" {
  communicator = "none"
  output_file  = "out.txt"
  greeting     = "hi"
}
build {
  sources = ["source.kilntest.a"]
}
`;

  before(async () => {
    assert.ok(existsSync(plugin), `${plugin} is missing: run \`bash test/env/up.sh packertest\``);
    assert.ok(
      await registryUp(),
      `the npm test registry at ${REGISTRY} is down: run \`bash test/env/up.sh verdaccio\``,
    );
    gh = await gitHubStandIn(await zipOf(BIN, plugin), 'v0.5.0');
    pluginPath = mkdtempSync(join(tmpdir(), 'kiln-bridge-init-plugins-'));
    dir = mkdtempSync(join(tmpdir(), 'kiln-bridge-init-'));
    // npm is asked first: the test registry has no @kiln-test/kiln-plugin-kilntest.
    writeFileSync(join(dir, '.npmrc'), `@kiln-test:registry=${REGISTRY}\n`);
  });
  after(() => {
    gh?.server.close();
    rmSync(pluginPath, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs the newest usable release, verified, in Packer’s layout, and locks it', async () => {
    writeFileSync(join(dir, 't.pkr.hcl'), template('>= 0.3.0, < 0.5.0'));
    const r = await kiln(['init', 't.pkr.hcl'], dir, env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const bin = join(pluginPath, 'packer', 'github.com', 'kiln-test', 'kilntest', BIN);
    assert.ok(existsSync(bin), r.stdout);
    const binSum = sha256(readFileSync(bin));
    assert.equal(binSum, sha256(readFileSync(plugin)));
    assert.equal(readFileSync(`${bin}_SHA256SUM`, 'utf8').trim(), binSum);
    const lock = JSON.parse(readFileSync(join(dir, 'kiln.lock.json'), 'utf8'));
    assert.deepEqual(lock.plugins['github.com/kiln-test/kilntest'], {
      package: 'packer:github.com/kiln-test/kilntest',
      version: '0.3.1',
      integrity: `sha256:${binSum}`,
      constraint: '>= 0.3.0, < 0.5.0',
    });
    const api = gh.requests.filter((q) => q.path.startsWith('/api/'));
    assert.ok(
      api.length > 0 && api.every((q) => q.auth === 'Bearer kiln-test-token'),
      'PACKER_GITHUB_API_TOKEN not sent',
    );
    assert.ok(gh.requests.filter((q) => q.path.startsWith('/dl/')).every((q) => q.auth === undefined));
    const v = await kiln(['validate', 't.pkr.hcl'], dir, env());
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  it('a second kiln init fetches nothing', async () => {
    const before = gh.requests.length;
    const r = await kiln(['init', 't.pkr.hcl'], dir, env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(gh.requests.length, before, 'kiln init went to GitHub again');
  });

  it('reinstalls exactly the locked version when the binary is gone; build refuses a binary that differs from the lock', async () => {
    const bin = join(pluginPath, 'packer', 'github.com', 'kiln-test', 'kilntest', BIN);
    const lockBefore = readFileSync(join(dir, 'kiln.lock.json'), 'utf8');
    writeFileSync(`${bin}_SHA256SUM`, `${'0'.repeat(64)}\n`);
    const refused = await kiln(['validate', 't.pkr.hcl'], dir, env());
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /is not installed with the locked checksum sha256:[0-9a-f]{64}.*kiln init/s);
    rmSync(bin);
    rmSync(`${bin}_SHA256SUM`);
    const r = await kiln(['init', 't.pkr.hcl'], dir, env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(existsSync(bin));
    assert.equal(readFileSync(join(dir, 'kiln.lock.json'), 'utf8'), lockBefore);
    const v = await kiln(['validate', 't.pkr.hcl'], dir, env());
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  it('refuses a release whose zip does not match its SHA256SUMS, with no stack trace', async () => {
    const d = mkdtempSync(join(tmpdir(), 'kiln-bridge-init-bad-'));
    try {
      writeFileSync(join(d, '.npmrc'), `@kiln-test:registry=${REGISTRY}\n`);
      writeFileSync(join(d, 't.pkr.hcl'), template('= 0.5.0'));
      const r = await kiln(['init', 't.pkr.hcl'], d, { ...env(), KILN_PLUGIN_PATH: join(d, 'plugins') });
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /does not match its checksum in the release's SHA256SUMS/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      assert.ok(
        !existsSync(join(d, 'plugins', 'packer', 'github.com', 'kiln-test', 'kilntest')),
        'something was installed',
      );
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
