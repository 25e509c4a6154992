/**
 * A process that serves a LocalCommunicator rooted at argv[2] through the
 * Communicator service, like a builder plugin serves its communicator: for
 * tests of the communicator proxy across processes. Prints
 * `<socket>|<communicator id>|<token>` once listening; exits when stdin closes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { rpc } from '@kiln/plugin-sdk';
import { LocalCommunicator } from '../local/local-communicator.js';

const root = process.argv[2];
if (!root) throw new Error('usage: serve-local-communicator ROOT');
const dir = mkdtempSync(join(tmpdir(), 'kiln-comm-child-'));
const token = randomBytes(16).toString('hex');
const registry = new rpc.CommunicatorRegistry();
const id = registry.register(new LocalCommunicator({ root })).id;
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
