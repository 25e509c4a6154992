import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, before, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import type { Communicator } from '../communicator.js';
import { CancelledError } from '../steps.js';
import { bindServer, openChannel, stopServer } from './channel.js';
import { type ClientContext, RemoteCallError } from './client-call.js';
import { communicatorClient } from './communicator-client.js';
import { CommunicatorRegistry } from './communicator-registry.js';
import { communicatorServer } from './communicator-server.js';
import { checkHealth, healthServer } from './health.js';
import { pluginClient, pluginServer } from './plugin.js';
import { InflightCalls, singleToken } from './server-call.js';
import { addServices } from './services.js';

class DirCommunicator implements Communicator {
  constructor(readonly root: string) {}
  exec(cmd: Parameters<Communicator['exec']>[0], signal?: AbortSignal): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', cmd.command], { cwd: this.root, ...(signal ? { signal } : {}) });
      child.stdout.on('data', (c: Buffer) => cmd.stdout?.(c));
      child.stderr.on('data', (c: Buffer) => cmd.stderr?.(c));
      if (cmd.stdin) cmd.stdin.pipe(child.stdin);
      else child.stdin.end();
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 255));
    });
  }
  async upload(dst: string, src: Readable) {
    await mkdir(dirname(join(this.root, dst)), { recursive: true });
    await pipeline(src, createWriteStream(join(this.root, dst)));
  }
  async uploadDir(dst: string, srcDir: string) {
    await cp(srcDir, join(this.root, dst), { recursive: true });
  }
  async download(src: string, dst: Writable) {
    await pipeline(createReadStream(join(this.root, src)), dst);
  }
  async downloadDir(src: string, dstDir: string) {
    await cp(join(this.root, src), dstDir, { recursive: true });
  }
}

let dir: string;
let server: grpc.Server;
let ctx: ClientContext;
const registry = new CommunicatorRegistry();
let commId: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-rpc-test-'));
  await mkdir(join(dir, 'remote'));
  commId = registry.register(new DirCommunicator(join(dir, 'remote'))).id;
  const sctx = { authenticate: singleToken('secret'), calls: new InflightCalls() };
  server = new grpc.Server();
  addServices(server, {
    Communicator: communicatorServer(sctx, (_c, id) => registry.get(id)),
    Health: healthServer(sctx),
    Plugin: pluginServer(sctx, {
      describe: () => ({
        name: 'p',
        version: '1.0.0',
        protocolVersion: 1,
        sdk: 'test',
        components: [],
        services: [],
      }),
      getSchema: () => ({ attributes: { a: { type: 'list(string)', required: true, default: ['x'] } } }),
      connect: async () => {},
      destroyArtifact: async () => {},
      shutdown: async () => {},
    }),
  });
  await bindServer(server, join(dir, 's.sock'));
  ctx = { channel: openChannel(`unix:${join(dir, 's.sock')}`), token: 'secret' };
});

after(async () => {
  ctx.channel.close();
  await stopServer(server);
  await rm(dir, { recursive: true, force: true });
});

test('health and schema round trip', async () => {
  assert.equal(await checkHealth(ctx), true);
  const schema = await pluginClient(ctx).getSchema('builder', 'x');
  assert.deepEqual(schema, { attributes: { a: { type: 'list(string)', required: true, default: ['x'] } } });
});

test('a wrong or missing token is refused with UNAUTHENTICATED', async () => {
  for (const token of ['wrong', '']) {
    await assert.rejects(checkHealth({ ...ctx, token }), (e) => {
      assert.ok(e instanceof RemoteCallError);
      assert.equal(e.code, grpc.status.UNAUTHENTICATED);
      return true;
    });
  }
});

test('exec streams output, stdin and the exit status', async () => {
  const comm = communicatorClient(ctx, commId);
  let out = '';
  let err = '';
  const status = await comm.exec({
    command: 'cat; echo oops >&2; exit 7',
    stdin: Readable.from([Buffer.from('hello ')], { objectMode: false }),
    stdout: (c) => (out += c),
    stderr: (c) => (err += c),
  });
  assert.equal(status, 7);
  assert.equal(out, 'hello ');
  assert.equal(err, 'oops\n');
});

test('an aborted signal cancels exec', async () => {
  const comm = communicatorClient(ctx, commId);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  const t0 = Date.now();
  await assert.rejects(comm.exec({ command: 'sleep 10' }, ac.signal), CancelledError);
  assert.ok(Date.now() - t0 < 2000);
});

for (const localPaths of [true, false]) {
  test(`file and directory round trip (${localPaths ? 'local paths' : 'chunks'})`, async () => {
    const comm = communicatorClient(ctx, commId, { localPaths });
    const big = Buffer.alloc(200 * 1024, 7);
    const src = join(dir, `src-${localPaths}`);
    await mkdir(join(src, 'sub'), { recursive: true });
    await writeFile(join(src, 'big.bin'), big);
    await writeFile(join(src, 'sub', 'a.txt'), 'a');
    await comm.upload(`f-${localPaths}.bin`, createReadStream(join(src, 'big.bin')));
    await comm.uploadDir(`d-${localPaths}`, src);
    const sink = new PassThrough();
    const parts: Buffer[] = [];
    sink.on('data', (c: Buffer) => parts.push(c));
    await comm.download(`f-${localPaths}.bin`, sink);
    assert.ok(Buffer.concat(parts).equals(big));
    const back = join(dir, `back-${localPaths}`);
    await comm.downloadDir(`d-${localPaths}`, back);
    assert.equal(await readFile(join(back, 'sub', 'a.txt'), 'utf8'), 'a');
    assert.ok((await readFile(join(back, 'big.bin'))).equals(big));
  });
}

test('unknown communicator id: NOT_FOUND', async () => {
  await assert.rejects(communicatorClient(ctx, 'nope').exec({ command: 'true' }), /no communicator "nope"/);
});

test('packDir leaves out excluded entries', async () => {
  const { packDir, extractTar } = await import('./tar-dir.js');
  const src = join(dir, 'excl');
  await mkdir(join(src, 'logs'), { recursive: true });
  await mkdir(join(src, 'keep'), { recursive: true });
  await writeFile(join(src, 'logs', 'a.txt'), 'x');
  await writeFile(join(src, 'keep', 'b.log'), 'x');
  await writeFile(join(src, 'keep', 'c.txt'), 'x');
  const out = join(dir, 'excl-out');
  await extractTar(packDir(src, ['logs', '*.log']), out);
  const { readdir } = await import('node:fs/promises');
  assert.deepEqual(await readdir(out), ['keep']);
  assert.deepEqual(await readdir(join(out, 'keep')), ['c.txt']);
});
