#!/usr/bin/env node
/**
 * A plugin that breaks the contract on purpose, for the conformance suite:
 * it ignores the magic cookie, the offered protocol versions and the token,
 * serves a schema with a malformed type and logs on stdout. It still handshakes, answers
 * Describe and health, and exits when its stdin closes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { ENV_SOCKET_DIR, loadContract } from '@kiln/proto';

const c = loadContract();
const dir = process.env[ENV_SOCKET_DIR] || mkdtempSync(join(tmpdir(), 'careless-'));
const socket = join(dir, 'careless.sock');
const server = new grpc.Server();
type Cb = grpc.sendUnaryData<unknown>;
server.addService(c.kiln.plugin.v1.Plugin.service, {
  Describe: (_call: unknown, cb: Cb) =>
    cb(null, {
      name: 'kiln-test-careless',
      version: '0.0.1',
      protocolVersion: 1,
      components: [{ kind: 'PROVISIONER', type: 'careless' }],
    }),
  GetSchema: (_call: unknown, cb: Cb) =>
    cb(null, { schema: { attributes: [{ name: 'inline', type: 'lisst(string)' }] } }),
});
server.addService(c.grpc.health.v1.Health.service, {
  Check: (_call: unknown, cb: Cb) => cb(null, { status: 'SERVING' }),
});
server.bindAsync(`unix:${socket}`, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) throw err;
  process.stdout.write(`1|1|unix|${socket}|grpc\n`);
  process.stdout.write('careless: serving\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
