import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { tempDir } from '../testing/temp-dir.test-helper.js';
import { LocalCommunicator } from './local-communicator.js';

describe('LocalCommunicator', () => {
  it('runs commands in its root with stdin, stdout, stderr and the exit status', async () => {
    await using dir = await tempDir();
    await using comm = new LocalCommunicator({ root: dir.path });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const status = await comm.exec({
      command: 'pwd; cat; echo e >&2; exit 7',
      stdin: Readable.from([Buffer.from('from stdin\n')]),
      stdout: (c) => out.push(c),
      stderr: (c) => err.push(c),
    });
    assert.equal(status, 7);
    assert.equal(Buffer.concat(out).toString(), `${dir.path}\nfrom stdin\n`);
    assert.equal(Buffer.concat(err).toString(), 'e\n');
  });

  it('uploads and downloads files and directories, honouring excludes', async () => {
    await using dir = await tempDir();
    await using comm = new LocalCommunicator({ root: join(dir.path, 'machine') });
    await comm.upload('etc/app.conf', Readable.from([Buffer.from('x=1')]), { mode: 0o600 });
    assert.equal(await readFile(join(dir.path, 'machine', 'etc', 'app.conf'), 'utf8'), 'x=1');
    const src = join(dir.path, 'src');
    await mkdir(join(src, 'logs'), { recursive: true });
    await writeFile(join(src, 'keep.txt'), 'k');
    await writeFile(join(src, 'logs', 'skip.log'), 's');
    await comm.uploadDir('app', src, { exclude: ['logs/**', '*.log'] });
    assert.ok(existsSync(join(dir.path, 'machine', 'app', 'keep.txt')));
    assert.ok(!existsSync(join(dir.path, 'machine', 'app', 'logs', 'skip.log')));
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await comm.download('etc/app.conf', sink);
    assert.equal(Buffer.concat(chunks).toString(), 'x=1');
    await comm.downloadDir('app', join(dir.path, 'back'));
    assert.equal(await readFile(join(dir.path, 'back', 'keep.txt'), 'utf8'), 'k');
  });

  it('fails a command whose stdin source fails, instead of waiting for more input', async () => {
    await using dir = await tempDir();
    await using comm = new LocalCommunicator({ root: dir.path });
    const stdin = Readable.from(
      (async function* () {
        yield Buffer.from('part');
        throw new Error('source broke');
      })(),
    );
    await assert.rejects(comm.exec({ command: 'cat >/dev/null', stdin }), /stdin failed: source broke/);
  });

  it('kills running commands on cancel and on dispose', async () => {
    await using dir = await tempDir();
    const comm = new LocalCommunicator({ root: dir.path });
    const ac = new AbortController();
    const cancelled = comm.exec({ command: 'sleep 30' }, ac.signal);
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(cancelled);
    const running = comm.exec({ command: 'sleep 30' });
    setTimeout(() => void comm[Symbol.asyncDispose](), 50);
    await assert.rejects(running);
  });
});
