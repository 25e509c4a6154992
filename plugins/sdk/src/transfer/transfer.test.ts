import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { openFileAtomic, writeFileAtomic } from './atomic-file.js';
import { assertUnreadSource } from './source-guard.js';
import { forEachTarEntry } from './tar-entries.js';
import { isTempName, tempNameFor } from './temp-name.js';
import { writeChunk } from './write-chunk.js';

async function scratch(): Promise<AsyncDisposable & { path: string }> {
  const path = await mkdtemp(join(tmpdir(), 'kiln-transfer-test-'));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}

describe('atomic file writes', () => {
  it('put every byte under the final name with the exact mode, replacing the old file', async () => {
    await using dir = await scratch();
    const target = join(dir.path, 'a file é');
    await writeFile(target, 'old');
    await writeFileAtomic(target, Readable.from([Buffer.from('new '), Buffer.from('content')]), {
      mode: 0o751,
      size: 11,
    });
    assert.equal(await readFile(target, 'utf8'), 'new content');
    assert.equal((await stat(target)).mode & 0o7777, 0o751);
    assert.deepEqual(await readdir(dir.path), ['a file é']);
  });

  it('leave the old file and no temporary file when the source fails, is aborted or is short', async () => {
    await using dir = await scratch();
    const target = join(dir.path, 'f');
    await writeFile(target, 'old');
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('part');
        throw new Error('source broke');
      })(),
    );
    await assert.rejects(writeFileAtomic(target, failing), /source broke/);
    const ac = new AbortController();
    const endless = new PassThrough();
    endless.write('x'.repeat(1000));
    const aborted = writeFileAtomic(target, endless, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(aborted, /abort/i);
    await assert.rejects(
      writeFileAtomic(target, Readable.from([Buffer.from('abc')]), { size: 4 }),
      /3 bytes/,
    );
    assert.equal(await readFile(target, 'utf8'), 'old');
    assert.deepEqual(await readdir(dir.path), ['f']);
  });

  it('commit waits for the descriptor to close; discard removes the temporary file', async () => {
    await using dir = await scratch();
    const file = openFileAtomic(join(dir.path, 'x'), { mode: 0o600 });
    file.stream.write('hello');
    await file.commit();
    assert.equal(await readFile(join(dir.path, 'x'), 'utf8'), 'hello');
    const other = openFileAtomic(join(dir.path, 'y'));
    other.stream.write('partial');
    await other.discard();
    assert.deepEqual(await readdir(dir.path), ['x']);
  });
});

describe('transfer helpers', () => {
  it('temporary names are unique, hidden and beside the target', () => {
    const a = tempNameFor('/srv/app/conf.yml');
    assert.notEqual(a, tempNameFor('/srv/app/conf.yml'));
    assert.match(a, /^\/srv\/app\/\.conf\.yml\.kiln-part-[0-9a-f]{12}$/);
    assert.ok(isTempName(a));
    assert.match(tempNameFor('rel'), /^\.rel\.kiln-part-/);
  });

  it('an upload source that something else reads is refused', () => {
    const flowing = new PassThrough();
    flowing.on('data', () => {});
    assert.throws(() => assertUnreadSource(flowing, '/x'), /already being read elsewhere/);
    const ended = Readable.from([]);
    ended.destroy();
    assert.throws(() => assertUnreadSource(ended, '/x'), /destroyed/);
    assert.doesNotThrow(() => assertUnreadSource(new PassThrough(), '/x'));
  });

  it('writeChunk fails instead of hanging when the destination closes while full', async () => {
    const out = new PassThrough({ highWaterMark: 4 });
    const pending = writeChunk(out, Buffer.alloc(16));
    out.destroy();
    await assert.rejects(pending, /closed before all data arrived/);
  });
});

describe('tar entries', () => {
  it('an abort while an entry is not being read rejects, with no error left unhandled', async () => {
    const tar = await import('tar-stream');
    const pack = (tar.default ?? tar).pack();
    pack.entry({ name: 'dir/file' }, Buffer.alloc(1 << 20, 1));
    pack.finalize();
    const head: Buffer[] = [];
    for await (const chunk of pack as AsyncIterable<Buffer>) head.push(chunk);
    // Only the start of the archive arrives before the abort.
    const source = new PassThrough();
    source.write(Buffer.concat(head).subarray(0, 64 * 1024));
    const ac = new AbortController();
    let release = () => {};
    const handled: string[] = [];
    const done = forEachTarEntry(
      source,
      async (header, entry) => {
        handled.push(header.name);
        // Like the mkdir of the file's directory, still running: the entry is not read yet.
        await new Promise<void>((r) => {
          release = r;
        });
        entry.resume();
      },
      ac.signal,
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(handled, ['dir/file']);
    ac.abort();
    await assert.rejects(done, { name: 'AbortError' });
    release();
    // An unhandled 'error' on the entry would surface here as an uncaught exception.
    await new Promise((r) => setTimeout(r, 50));
  });
});
