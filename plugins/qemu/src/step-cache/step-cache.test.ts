import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StepCacheEntryInfo } from '@kiln/plugin-sdk';
import { prepareQemuConfig } from '../config.js';
import { ProcessQemuDriver } from '../qemu-driver.js';
import { notCacheable, qemuCacheBase } from './base.js';
import {
  chainOf,
  type EntryMeta,
  entryDir,
  isKey,
  LAYER_FILE,
  META_FILE,
  parentLayerRef,
  readEntryMeta,
} from './layout.js';
import { publishEntry } from './machine.js';
import { createCacheRun, disposeCacheRun } from './run-dir.js';
import { entryUsable, qemuStepCache } from './store.js';

const haveQemuImg = spawnSync('sh', ['-c', 'command -v qemu-img'], { stdio: 'ignore' }).status === 0;
const skip = haveQemuImg ? false : 'needs qemu-img (apt-get install qemu-utils)';
const key = (n: number) => n.toString(16).padStart(64, '0');
const info = (step: number, parentKey: string): StepCacheEntryInfo => ({
  template: '/t.pkr.hcl',
  buildName: 'qemu.box',
  step,
  provisionerType: 'shell',
  runId: 'run',
  parentKey,
});
const signal = new AbortController().signal;
const qemuImg = (...args: string[]) => {
  const r = spawnSync('qemu-img', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
};

describe('qemu step cache entries', { skip }, () => {
  const driver = new ProcessQemuDriver();
  let root = '';
  let work = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kiln-qemu-cache-'));
    work = join(root, 'work');
    await mkdir(work);
  });
  after(() => rm(root, { recursive: true, force: true }));

  /** A layer as a build saves it: qcow2 (on its parent's, named ../<key>/disk.qcow2) with a "kiln" snapshot. */
  async function layer(name: string, parentKey: string): Promise<string> {
    const dir = join(work, name);
    await mkdir(dir, { recursive: true });
    const path = join(dir, LAYER_FILE);
    qemuImg('create', '-f', 'qcow2', path, '1M');
    qemuImg('snapshot', '-c', 'kiln', path);
    if (parentKey) qemuImg('rebase', '-u', '-b', parentLayerRef(parentKey), '-F', 'qcow2', path);
    return path;
  }
  const publish = async (n: number, parent: number | undefined) => {
    const parentKey = parent === undefined ? '' : key(parent);
    const meta: Omit<EntryMeta, 'sizeBytes'> = {
      version: 1,
      key: key(n),
      info: info(parent === undefined ? 1 : 2, parentKey),
      createdAt: new Date().toISOString(),
    };
    return publishEntry(root, await layer(`l${n}-${Math.random()}`, parentKey), meta, (k) =>
      entryUsable(driver, k, root),
    );
  };

  it('keys are lowercase hex; metadata that is missing, damaged or for another key is no entry', async () => {
    assert.ok(isKey(key(1)));
    assert.ok(!isKey('../etc'));
    assert.ok(!isKey(key(1).toUpperCase().replace(/0/g, 'A')));
    assert.equal(await readEntryMeta(key(99), root), undefined);
    await mkdir(entryDir(key(98), root), { recursive: true });
    await writeFile(join(entryDir(key(98), root), META_FILE), '{not json');
    assert.equal(await readEntryMeta(key(98), root), undefined);
    await writeFile(
      join(entryDir(key(98), root), META_FILE),
      JSON.stringify({ version: 1, key: key(97), info: info(1, '') }),
    );
    assert.equal(await readEntryMeta(key(98), root), undefined, 'an entry.json for another key');
    await rm(entryDir(key(98), root), { recursive: true });
  });

  it('a saved chain is usable; a missing parent or a damaged layer is a miss', async () => {
    await publish(1, undefined);
    await publish(2, 1);
    assert.deepEqual(
      (await chainOf(key(2), root))?.map((m) => m.key),
      [key(1), key(2)],
    );
    const store = qemuStepCache(
      () => driver,
      () => root,
    );
    assert.deepEqual(await store.check('qemu', [key(1), key(2), key(3)], signal), [key(1), key(2)]);
    assert.deepEqual(await store.check('docker', [key(1)], signal), []);
    await publish(4, 3); // parent 3 never saved
    assert.equal(await chainOf(key(4), root), undefined);
    assert.deepEqual(await store.check('qemu', [key(4)], signal), []);
    await publish(5, undefined);
    await writeFile(join(entryDir(key(5), root), LAYER_FILE), 'not a qcow2 image');
    assert.deepEqual(await store.check('qemu', [key(5)], signal), [], 'a damaged layer');
  });

  it('two runs publishing one key: the first entry stays, the other run learns it is not its own; nothing partial is left', async () => {
    const [a, b] = await Promise.all([publish(6, undefined), publish(6, undefined)]);
    assert.equal(a.meta.key, key(6));
    assert.deepEqual(a.meta, b.meta, 'both see the one entry');
    assert.deepEqual([a.own, b.own].sort(), [false, true]);
    assert.ok(await entryUsable(driver, key(6), root));
    assert.deepEqual(
      (await readdir(join(root, 'entries'))).filter((n) => n.startsWith('.')),
      [],
    );
  });

  it('a damaged entry is replaced, and the entries made on it go', async () => {
    await publish(8, undefined);
    await publish(9, 8);
    await writeFile(join(entryDir(key(8), root), LAYER_FILE), 'damaged');
    assert.ok(!(await entryUsable(driver, key(8), root)));
    const again = await publish(8, undefined);
    assert.ok(again.own);
    assert.ok(await entryUsable(driver, key(8), root), 'the damaged entry was replaced');
    assert.ok(!existsSync(entryDir(key(9), root)), 'the entry on the damaged one was removed');
  });

  it('list shows every entry (a damaged one under its name); removing one removes the entries made on it', async () => {
    await mkdir(join(root, 'entries', '.tmp-999999999-x'), { recursive: true });
    await mkdir(join(root, 'entries', key(7)), { recursive: true });
    const store = qemuStepCache(
      () => driver,
      () => root,
    );
    const { entries } = await store.list(signal);
    assert.ok(!existsSync(join(root, 'entries', '.tmp-999999999-x')), 'a dead save is swept');
    const keys = entries.map((e) => e.key).sort();
    assert.deepEqual(keys, [key(1), key(2), key(4), key(5), key(6), key(7), key(8)]);
    assert.equal(entries.find((e) => e.key === key(7))?.info.buildName, '(damaged entry)');
    assert.ok((entries.find((e) => e.key === key(1))?.sizeBytes ?? 0) > 0);
    const { removed, failed } = await store.remove(
      entries.filter((e) => e.key === key(1) || e.key === key(7)),
      signal,
    );
    assert.deepEqual(failed, []);
    assert.equal(removed.length, 3, removed.join('\n'));
    const left = (await store.list(signal)).entries.map((e) => e.key).sort();
    assert.deepEqual(left, [key(4), key(5), key(6), key(8)]);
  });
});

describe('qemu step cache working directories', () => {
  it('a new run removes those of dead runs, not those of live plugins or of VMs still running', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kiln-qemu-runs-'));
    try {
      const dead = 999_999_999;
      const make = async (name: string, owner: number, vm?: number) => {
        await mkdir(join(root, 'runs', name, 'chain'), { recursive: true });
        await writeFile(join(root, 'runs', name, 'owner'), String(owner));
        if (vm) await writeFile(join(root, 'runs', name, 'vm'), String(vm));
      };
      await make('gone', dead);
      const staleQmp = await mkdtemp(join(tmpdir(), 'kiln-qmp-'));
      await writeFile(join(root, 'runs', 'gone', 'qmp-dir'), staleQmp);
      await make('live-plugin', process.pid);
      await make('left-vm', dead, process.pid);
      await mkdir(join(root, 'runs', 'no-owner'), { recursive: true });
      const run = await createCacheRun(root, 'run/1');
      const names = (await readdir(join(root, 'runs'))).sort();
      assert.deepEqual(
        names.filter((n) => !n.startsWith('run_1-')),
        ['left-vm', 'live-plugin'],
      );
      assert.ok(!existsSync(staleQmp), "a dead run's monitor directory goes with it");
      assert.ok(existsSync(run.qmpDir));
      await disposeCacheRun(run);
      assert.ok(!existsSync(run.dir) && !existsSync(run.qmpDir));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('qemu step cache base', () => {
  const prepare = (extra: Record<string, unknown>) =>
    prepareQemuConfig(
      {
        iso_url: 'https://example.invalid/boot.iso',
        iso_checksum: `sha256:${'a'.repeat(64)}`,
        ssh_username: 'root',
        ssh_password: 'x',
        ...extra,
      },
      'qemu.box',
    ).config;

  it('says why a build cannot be cached', () => {
    assert.equal(notCacheable(prepare({})), undefined);
    assert.match(notCacheable(prepare({ format: 'raw' })) ?? '', /qcow2/);
    assert.match(notCacheable(prepare({ floppy_files: ['a'] })) ?? '', /floppy/);
    assert.match(notCacheable(prepare({ disk_additional_size: ['1G'] })) ?? '', /one disk/);
  });

  it('changes with what shapes the machine, not with how Kiln talks to it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-qemu-base-'));
    try {
      await writeFile(join(dir, 'ks.cfg'), 'one');
      const base = (extra: Record<string, unknown>) =>
        qemuCacheBase(prepare({ http_directory: dir, ...extra }), signal);
      const first = await base({});
      assert.equal(
        await base({ ssh_username: 'other', output_directory: 'elsewhere', shutdown_command: 'halt' }),
        first,
      );
      assert.notEqual(await base({ memory: 2048 }), first);
      assert.notEqual(await base({ boot_command: ['<enter>'] }), first);
      assert.notEqual(await base({ iso_checksum: `sha256:${'b'.repeat(64)}` }), first);
      await writeFile(join(dir, 'ks.cfg'), 'two');
      assert.notEqual(await base({}), first, 'a preseed file the HTTP server serves');
      await assert.rejects(base({ format: 'raw' }), /qcow2/);
      await assert.rejects(base({ iso_checksum: 'none' }), /cannot be identified/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
