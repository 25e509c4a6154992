import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, type ProvisionContext } from '@kiln/plugin-sdk';
import { RecordingUi, testBuildContext } from '@kiln/plugin-sdk/testing';
import { LocalCommunicator } from '../local/local-communicator.js';
import { tempDir } from '../testing/temp-dir.test-helper.js';
import { fileProvisioner } from './file.js';

function ctx(ui: RecordingUi, communicator: LocalCommunicator): ProvisionContext {
  return { ui, communicator, signal: new AbortController().signal, sessionId: 's', generatedData: {} };
}

describe('file provisioner', () => {
  it('uploads files, directories and their contents with the trailing-slash rules', async () => {
    await using local = await tempDir();
    await using remote = await tempDir();
    await using comm = new LocalCommunicator({ root: remote.path });
    const src = join(local.path, 'conf');
    await mkdir(join(src, 'sub'), { recursive: true });
    await writeFile(join(src, 'sub', 'a.txt'), 'A');
    await writeFile(join(local.path, 'one.txt'), 'one');
    const ui = new RecordingUi();
    const run = async (cfg: Record<string, unknown>) =>
      (await fileProvisioner.prepare(cfg, testBuildContext())).provision(ctx(ui, comm));
    await run({ source: src, destination: 'dir1' });
    await run({ source: `${src}/`, destination: 'dir2' });
    await run({ source: join(local.path, 'one.txt'), destination: 'files/' });
    await run({ source: join(local.path, 'one.txt'), destination: 'renamed.txt' });
    await run({ content: 'hello', destination: 'content.txt' });
    assert.equal(await readFile(join(remote.path, 'dir1', 'conf', 'sub', 'a.txt'), 'utf8'), 'A');
    assert.equal(await readFile(join(remote.path, 'dir2', 'sub', 'a.txt'), 'utf8'), 'A');
    assert.equal(await readFile(join(remote.path, 'files', 'one.txt'), 'utf8'), 'one');
    assert.equal(await readFile(join(remote.path, 'renamed.txt'), 'utf8'), 'one');
    assert.equal(await readFile(join(remote.path, 'content.txt'), 'utf8'), 'hello');
    assert.equal(ui.texts('say')[0], `Uploading ${src} => dir1`);
    assert.equal(ui.texts('say')[4], 'Uploading content => content.txt');
  });

  it('hands the communicator an unread stream, whatever it does before reading it', async () => {
    await using local = await tempDir();
    await using remote = await tempDir();
    const body = Buffer.alloc(3 << 20, 7);
    await writeFile(join(local.path, 'big.bin'), body);
    // A communicator that awaits something before it starts reading (as a
    // busy machine makes any communicator do): the upload must still carry
    // every byte.
    const inner = new LocalCommunicator({ root: remote.path });
    const slow = Object.assign(Object.create(inner) as LocalCommunicator, {
      async upload(...args: Parameters<LocalCommunicator['upload']>) {
        await new Promise((r) => setTimeout(r, 100));
        return inner.upload(...args);
      },
    });
    const ui = new RecordingUi();
    await (
      await fileProvisioner.prepare(
        { source: join(local.path, 'big.bin'), destination: 'big.bin' },
        testBuildContext(),
      )
    ).provision(ctx(ui, slow));
    assert.ok((await readFile(join(remote.path, 'big.bin'))).equals(body));
  });

  it('downloads files and directories', async () => {
    await using local = await tempDir();
    await using remote = await tempDir();
    await using comm = new LocalCommunicator({ root: remote.path });
    await mkdir(join(remote.path, 'out', 'd'), { recursive: true });
    await writeFile(join(remote.path, 'out', 'd', 'x.log'), 'X');
    await writeFile(join(remote.path, 'out', 'y.log'), 'Y');
    const ui = new RecordingUi();
    const run = async (cfg: Record<string, unknown>) =>
      (await fileProvisioner.prepare({ direction: 'download', ...cfg }, testBuildContext())).provision(
        ctx(ui, comm),
      );
    await run({ source: 'out/y.log', destination: `${local.path}/got/` });
    await run({ source: 'out/y.log', destination: join(local.path, 'named.log') });
    await run({ source: 'out/', destination: join(local.path, 'tree') });
    assert.equal(await readFile(join(local.path, 'got', 'y.log'), 'utf8'), 'Y');
    assert.equal(await readFile(join(local.path, 'named.log'), 'utf8'), 'Y');
    assert.equal(await readFile(join(local.path, 'tree', 'd', 'x.log'), 'utf8'), 'X');
    assert.equal(ui.texts('say')[0], `Downloading out/y.log => ${local.path}/got/`);
  });

  it('rejects a missing source at prepare unless generated', async () => {
    await assert.rejects(
      fileProvisioner.prepare({ sources: ['/nonexistent/x'], destination: '/tmp/' }, testBuildContext()),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.diagnostics[0]!.path, ['sources', 0]);
        return true;
      },
    );
    await assert.rejects(fileProvisioner.prepare({ source: 'x' }, testBuildContext()), /destination/);
    await assert.rejects(
      fileProvisioner.prepare({ source: 'x', destination: 'y', direction: 'sideways' }, testBuildContext()),
      /Direction must be one of: download, upload\./,
    );
    await using remote = await tempDir();
    await using comm = new LocalCommunicator({ root: remote.path });
    const later = join(remote.path, 'made-later.txt');
    const p = await fileProvisioner.prepare(
      { source: later, generated: true, destination: 'copy.txt' },
      testBuildContext(),
    );
    await writeFile(later, 'late');
    await p.provision(ctx(new RecordingUi(), comm));
    assert.equal((await stat(join(remote.path, 'copy.txt'))).size, 4);
  });
});
