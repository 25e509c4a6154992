import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import type { StepCacheEntry, StepCacheEntryInfo } from '../step-cache.js';
import { bindServer, openChannel, stopServer } from './channel.js';
import type { ClientContext } from './client-call.js';
import { InflightCalls, singleToken } from './server-call.js';
import { addServices } from './services.js';
import { MachineRegistry, stepCacheClient, stepCacheServer } from './step-cache.js';

const info: StepCacheEntryInfo = {
  template: '/t/a.pkr.hcl',
  buildName: 'docker.a',
  step: 2,
  provisionerType: 'shell',
  runId: 'r1',
  parentKey: 'aa11',
};
const saved: { key: string; info: StepCacheEntryInfo }[] = [];
const entries: StepCacheEntry[] = [];
const machines = new MachineRegistry();
let dir: string;
let server: grpc.Server;
let ctx: ClientContext;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-step-cache-rpc-'));
  const sctx = { authenticate: singleToken('t'), calls: new InflightCalls() };
  server = new grpc.Server();
  addServices(server, {
    StepCache: stepCacheServer(sctx, {
      machines,
      builder: (id) =>
        id === 'inst1'
          ? { base: async () => 'image:sha256:b1', check: async (keys) => keys.filter((k) => k !== 'cc33') }
          : undefined,
      store: {
        check: async (type, keys) => (type === 'docker' ? keys.filter((k) => k === 'bb22') : []),
        list: async () => ({ entries, notes: ['one place not looked at'] }),
        remove: async (es) => ({ removed: es.map((e) => `removed ${e.id}`), failed: [] }),
      },
    }),
  });
  await bindServer(server, join(dir, 's.sock'));
  ctx = { channel: openChannel(`unix:${join(dir, 's.sock')}`), token: 't' };
});

after(async () => {
  ctx.channel.close();
  await stopServer(server);
  await rm(dir, { recursive: true, force: true });
});

test('Base of a prepared builder, and empty for an instance without a step cache', async () => {
  const signal = new AbortController().signal;
  const client = stepCacheClient(ctx);
  assert.equal(await client.builder('inst1', 'docker').base(signal), 'image:sha256:b1');
  assert.equal(await client.builder('other', 'docker').base(signal), undefined);
  assert.deepEqual(await client.builder('inst1', 'docker').check(['aa11', 'bb22', 'cc33'], signal), ['bb22']);
});

test('Save reaches the registered machine with the key and info; an unknown machine is an error', async () => {
  const signal = new AbortController().signal;
  const reg = machines.register({
    restoredKey: 'aa11',
    async save(key, i) {
      saved.push({ key, info: i });
      return {
        key,
        id: 'img1',
        sizeBytes: 4096,
        createdAt: '2026-01-01T00:00:00Z',
        builderType: 'docker',
        info: i,
      };
    },
  });
  const machine = stepCacheClient(ctx).machine(reg.id, 'aa11');
  assert.equal(machine.restoredKey, 'aa11');
  const entry = await machine.save('bb22', info, signal);
  assert.deepEqual(saved, [{ key: 'bb22', info }]);
  assert.deepEqual(entry, {
    key: 'bb22',
    id: 'img1',
    sizeBytes: 4096,
    createdAt: '2026-01-01T00:00:00Z',
    builderType: 'docker',
    info,
  });
  reg.dispose();
  await assert.rejects(machine.save('bb22', info, signal), /unknown machine/);
});

test('List and Remove round trip the entries', async () => {
  const signal = new AbortController().signal;
  entries.push({
    key: 'bb22',
    id: 'kiln-cache:bb22',
    sizeBytes: 12,
    createdAt: '2026-01-01T00:00:00Z',
    builderType: 'docker',
    info,
  });
  const client = stepCacheClient(ctx);
  const listed = await client.list(signal);
  assert.deepEqual(listed, { entries, notes: ['one place not looked at'] });
  assert.deepEqual(await client.remove(listed.entries, signal), {
    removed: ['removed kiln-cache:bb22'],
    failed: [],
  });
  assert.deepEqual(await client.check('docker', ['aa11', 'bb22'], signal), ['bb22']);
  assert.deepEqual(await client.check('qemu', ['bb22'], signal), []);
});
