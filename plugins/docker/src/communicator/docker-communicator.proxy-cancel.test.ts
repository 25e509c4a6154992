import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { type Communicator, openFileAtomic, rpc } from '@kiln/plugin-sdk';
import { cancelDownload } from '@kiln/plugin-sdk/conformance';
import { DockerodeDriver } from '../dockerode-driver.js';
import { processReaper } from '../reaper.js';
import { TEST_IMAGE } from '../test-kit.test-helper.js';
import { DockerCommunicator } from './docker-communicator.js';

/**
 * A download cancelled in the middle, on the path a provisioner's download
 * takes from the docker plugin: a Communicator client -> a proxy serving
 * the Communicator service (core's side, here in the test process) -> the
 * docker plugin's process serving its DockerCommunicator -> the Engine. The
 * call must reject; nothing may stand under the final name; the plugin
 * process must neither crash nor print an error nothing handled (an
 * AbortError from the cancelled stream), must leave no process behind in
 * the container or under itself, and must exit cleanly afterwards.
 */

const child = fileURLToPath(new URL('./serve-docker-communicator.test-helper.js', import.meta.url));
const MiB = 1 << 20;

interface Chain extends AsyncDisposable {
  communicator: Communicator;
  proc: ChildProcess;
  stderr: () => string;
}

async function proxyChain(containerId: string, work: string, localPaths: boolean): Promise<Chain> {
  const proc = spawn(process.execPath, [child, containerId], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const [line] = (await Promise.race([
    once(createInterface({ input: proc.stdout! }), 'line'),
    once(proc, 'exit').then(([code]) => assert.fail(`the plugin process exited (${code}): ${stderr}`)),
  ])) as [string];
  const [socket, childId, childToken] = line.split('|') as [string, string, string];
  const toChild: rpc.ClientContext = { channel: rpc.openChannel(`unix:${socket}`), token: childToken };
  const registry = new rpc.CommunicatorRegistry();
  const proxyId = registry.register(rpc.communicatorClient(toChild, childId, { localPaths })).id;
  const server = new grpc.Server();
  const ctx = { authenticate: rpc.singleToken('proxy'), calls: new rpc.InflightCalls() };
  rpc.addServices(server, { Communicator: rpc.communicatorServer(ctx, (_c, id) => registry.get(id)) });
  const proxySocket = join(work, `proxy-${localPaths}.sock`);
  await rpc.bindServer(server, proxySocket);
  const toProxy: rpc.ClientContext = { channel: rpc.openChannel(`unix:${proxySocket}`), token: 'proxy' };
  let disposed = false;
  return {
    communicator: rpc.communicatorClient(toProxy, proxyId, { localPaths }),
    proc,
    stderr: () => stderr,
    async [Symbol.asyncDispose]() {
      if (disposed) return;
      disposed = true;
      toProxy.channel.close();
      toChild.channel.close();
      await rpc.stopServer(server);
      proc.stdin!.end();
      if (proc.exitCode === null && proc.signalCode === null) await once(proc, 'exit');
    },
  };
}

/** Waits until `test` holds, polling, for at most `ms`. */
async function until(test: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The processes in the container besides its entrypoint shell (pid 1). */
function containerProcesses(id: string): string[] {
  const out = execFileSync('docker', ['exec', id, 'ps', '-o', 'pid,args'], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l && !/^1 /.test(l) && !/ ps -o pid,args$/.test(l));
}

/** What the plugin process must look like after a cancelled download: alive, quiet, alone. */
async function assertPluginUnharmed(chain: Chain, containerId: string): Promise<void> {
  // Give a late error from the cancelled stream time to surface.
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(chain.proc.exitCode, null, `the plugin process exited: ${chain.stderr()}`);
  assert.equal(chain.proc.signalCode, null, `the plugin process was killed: ${chain.stderr()}`);
  assert.doesNotMatch(chain.stderr(), /AbortError|Error|Uncaught|at .*\.js:\d+/, chain.stderr());
  const children = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(chain.proc.pid)], {
    encoding: 'utf8',
  });
  assert.equal(children.stdout.trim(), '', 'no process left under the plugin process');
  await until(() => containerProcesses(containerId).length === 0, 10_000, 'no process left in the container');
}

describe('docker communicator across processes: cancelled downloads', { timeout: 240_000 }, () => {
  const driver = new DockerodeDriver();
  let id = '';
  let work = '';
  before(async () => {
    const ready = spawnSync('docker', ['image', 'inspect', TEST_IMAGE], { stdio: 'ignore' }).status === 0;
    assert.ok(ready, `needs Docker and the ${TEST_IMAGE} image: run bash test/env/up.sh docker image`);
    work = await mkdtemp(join(tmpdir(), 'kiln-proxy-cancel-'));
    const reaper = processReaper();
    reaper.ensureStarted();
    id = await driver.createContainer({
      image: TEST_IMAGE,
      entrypoint: ['/bin/sh'],
      cmd: [],
      env: [],
      labels: { ...reaper.labels(), 'io.kiln.test': 'communicator-proxy-cancel' },
      binds: [],
      tty: true,
      openStdin: true,
      privileged: false,
      capAdd: [],
      capDrop: [],
      tmpfs: {},
      devices: [],
    });
    await driver.startContainer(id);
    const setup = new DockerCommunicator(driver, id, { fixUploadOwner: false });
    const status = await setup.exec({
      command:
        'dd if=/dev/urandom of=/big bs=1048576 count=48 2>/dev/null && mkdir -p /tree/sub && ' +
        'for f in a b c; do dd if=/dev/urandom of=/tree/$f bs=1048576 count=32 2>/dev/null; done && ' +
        'echo small > /tree/sub/d',
    });
    assert.equal(status, 0, 'the files to download were made in the container');
  });
  after(async () => {
    if (id) await driver.removeContainer(id);
    if (work) await rm(work, { recursive: true, force: true });
  });

  for (const localPaths of [false, true]) {
    it(`a file download (${localPaths ? 'client with local paths' : 'in chunks'}) cancelled mid-stream`, async () => {
      await using chain = await proxyChain(id, work, localPaths);
      const target = join(work, `big-${localPaths}`);
      // Rejects unless the cancelled download rejects; discards what arrived.
      await cancelDownload(chain.communicator, '/big', target, 2 * MiB);
      assert.ok(!existsSync(target), 'nothing under the final name');
      assert.deepEqual(
        (await readdir(work)).filter((n) => n.includes(`big-${localPaths}`)),
        [],
        'no temporary file left',
      );
      await assertPluginUnharmed(chain, id);
      // The plugin still serves: a whole download after the cancelled one.
      const small = join(work, `small-${localPaths}`);
      const out = openFileAtomic(small);
      await chain.communicator.download('/tree/sub/d', out.stream);
      await out.commit();
      assert.equal((await stat(small)).size, 6);
      await chain[Symbol.asyncDispose]();
      assert.equal(chain.proc.exitCode, 0, `the plugin process exits cleanly: ${chain.stderr()}`);
    });

    it(`a directory download (${localPaths ? 'by local path' : 'in chunks'}) cancelled mid-stream`, async () => {
      await using chain = await proxyChain(id, work, localPaths);
      const dest = join(work, `tree-${localPaths}`);
      await mkdir(dest);
      const ac = new AbortController();
      const download = chain.communicator.downloadDir('/tree', dest, {}, ac.signal);
      download.catch(() => {});
      await until(async () => (await readdir(dest)).length > 0, 60_000, 'the first file of /tree to appear');
      ac.abort();
      const outcome = await download.then(
        () => 'resolved',
        () => 'rejected',
      );
      assert.equal(outcome, 'rejected', 'the cancelled download rejects');
      await assertPluginUnharmed(chain, id);
      // Every file left is whole under its final name; no temporary names.
      const sizes: Record<string, number> = { a: 32 * MiB, b: 32 * MiB, c: 32 * MiB, sub: -1 };
      for (const name of await readdir(dest)) {
        assert.ok(name in sizes, `only final names in ${dest}: ${name}`);
        if (sizes[name]! >= 0) assert.equal((await stat(join(dest, name))).size, sizes[name], name);
      }
      await chain[Symbol.asyncDispose]();
      assert.equal(chain.proc.exitCode, 0, `the plugin process exits cleanly: ${chain.stderr()}`);
    });
  }
});
