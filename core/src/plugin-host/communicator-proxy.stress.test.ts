import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { rpc } from '@kiln/plugin-sdk';
import { stressCommunicator } from '@kiln/plugin-sdk/conformance';
import { tempDir } from '../builtin/testing/temp-dir.test-helper.js';

const child = fileURLToPath(
  new URL('../builtin/testing/serve-local-communicator.test-helper.js', import.meta.url),
);

/**
 * The path a provisioner's transfers take to a builder in another process:
 * a Communicator client (the provisioner's side) -> a proxy serving the
 * Communicator service (core's) -> a client to the builder process -> the
 * builder's communicator. Here the proxy runs in the test process and the
 * builder is a child process serving a LocalCommunicator.
 */
export async function proxyChain(root: string, localPaths: boolean) {
  const proc = spawn(process.execPath, [child, root], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await Promise.race([
    once(createInterface({ input: proc.stdout! }), 'line'),
    once(proc, 'exit').then(([code]) => assert.fail(`the communicator process exited (${code})`)),
  ])) as [string];
  const [socket, childId, childToken] = line.split('|') as [string, string, string];
  const toChild: rpc.ClientContext = { channel: rpc.openChannel(`unix:${socket}`), token: childToken };
  const builderComm = rpc.communicatorClient(toChild, childId, { localPaths });
  const registry = new rpc.CommunicatorRegistry();
  const proxyId = registry.register(builderComm).id;
  const server = new grpc.Server();
  const ctx = { authenticate: rpc.singleToken('proxy'), calls: new rpc.InflightCalls() };
  rpc.addServices(server, { Communicator: rpc.communicatorServer(ctx, (_c, id) => registry.get(id)) });
  const proxySocket = join(root, '..', 'proxy.sock');
  await rpc.bindServer(server, proxySocket);
  const toProxy: rpc.ClientContext = { channel: rpc.openChannel(`unix:${proxySocket}`), token: 'proxy' };
  return {
    communicator: rpc.communicatorClient(toProxy, proxyId, { localPaths }),
    async [Symbol.asyncDispose]() {
      toProxy.channel.close();
      toChild.channel.close();
      await rpc.stopServer(server);
      proc.stdin!.end();
      if (proc.exitCode === null) await once(proc, 'exit');
    },
  };
}

describe('communicator proxy across processes under stress', () => {
  for (const localPaths of [false, true]) {
    it(`${localPaths ? 'by local path' : 'in chunks'}: transfers arrive whole, cancellations leave nothing`, async () => {
      await using dir = await tempDir('kiln-stress-proxy-');
      await mkdir(join(dir.path, 'machine'));
      await using chain = await proxyChain(join(dir.path, 'machine'), localPaths);
      const report = await stressCommunicator({
        communicator: chain.communicator,
        remoteDir: join(dir.path, 'machine', 'stress'),
        localDir: join(dir.path, 'local'),
        smallFiles: 16,
        largeBytes: 12 << 20,
        treeFiles: 60,
      });
      assert.ok(report.uploads >= 76 && report.downloads >= 76, JSON.stringify(report));
      assert.equal(report.cancellations, 3);
    });
  }
});
