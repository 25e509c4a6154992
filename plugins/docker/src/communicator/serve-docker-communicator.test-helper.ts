/**
 * A process that serves a DockerCommunicator to container argv[2] through
 * the Communicator service, as the docker plugin serves its builder's
 * communicator to core: for tests of transfers across processes. Prints
 * `<socket>|<communicator id>|<token>` once listening; exits 0 when stdin
 * closes. An error nothing handled ends it as Node does (non-zero exit, a
 * stack trace on stderr), which the tests look for.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { rpc } from '@kiln/plugin-sdk';
import { DockerodeDriver } from '../dockerode-driver.js';
import { DockerCommunicator } from './docker-communicator.js';

const containerId = process.argv[2];
if (!containerId) throw new Error('usage: serve-docker-communicator CONTAINER');
const dir = mkdtempSync(join(tmpdir(), 'kiln-docker-comm-child-'));
const token = randomBytes(16).toString('hex');
const registry = new rpc.CommunicatorRegistry();
const comm = new DockerCommunicator(new DockerodeDriver(), containerId, { fixUploadOwner: false });
const id = registry.register(comm).id;
const server = new grpc.Server();
const ctx = { authenticate: rpc.singleToken(token), calls: new rpc.InflightCalls() };
rpc.addServices(server, { Communicator: rpc.communicatorServer(ctx, (_c, cid) => registry.get(cid)) });
const socket = join(dir, 'comm.sock');
await rpc.bindServer(server, socket);
process.stdout.write(`${socket}|${id}|${token}\n`);
const stop = () => {
  server.forceShutdown();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
