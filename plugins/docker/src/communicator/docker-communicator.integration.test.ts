import assert from 'node:assert/strict';
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import { DockerodeDriver } from '../dockerode-driver.js';
import { processReaper } from '../reaper.js';
import { engineUnavailable, TEST_IMAGE } from '../test-kit.test-helper.js';
import { DockerCommunicator } from './docker-communicator.js';

const skip = await engineUnavailable();
const MiB = 1024 * 1024;

/** Writes `size` random bytes without holding them in memory. */
async function writeRandom(path: string, size: number): Promise<void> {
  let left = size;
  const source = new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const n = Math.min(left, MiB);
      const block = randomFillSync(Buffer.allocUnsafe(n));
      left -= n;
      this.push(block);
    },
  });
  await pipeline(source, createWriteStream(path));
}

/** A stable description of a tree: path, type, mode, size, content hash or link target. */
async function describeTree(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(join(root, rel))).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    const p = join(root, r);
    const st = await lstat(p);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out.push(`${r} link ${await readlink(p)}`);
    else if (st.isDirectory()) out.push(`${r} dir ${mode}`, ...(await describeTree(root, r)));
    else {
      const h = createHash('sha256');
      await pipeline(createReadStream(p), h);
      out.push(`${r} file ${mode} ${st.size} ${h.digest('hex')}`);
    }
  }
  return out;
}

describe('docker communicator against the engine', { skip, timeout: 300_000 }, () => {
  const driver = new DockerodeDriver();
  let id = '';
  let comm: DockerCommunicator;
  let work = '';
  let shared = '';
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'kiln-comm-test-'));
    shared = join(work, 'shared');
    await mkdir(shared);
    const reaper = processReaper();
    reaper.ensureStarted();
    id = await driver.createContainer({
      image: TEST_IMAGE,
      entrypoint: ['/bin/sh'],
      cmd: [],
      env: [],
      labels: { ...reaper.labels(), 'io.kiln.test': 'communicator' },
      binds: [`${shared}:/kiln-shared`],
      tty: true,
      openStdin: true,
      privileged: false,
      capAdd: [],
      capDrop: [],
      tmpfs: {},
      devices: [],
    });
    await driver.startContainer(id);
    comm = new DockerCommunicator(driver, id, { fixUploadOwner: true });
  });
  after(async () => {
    if (id) await driver.removeContainer(id);
    await rm(work, { recursive: true, force: true });
  });

  it('streams stdout and stderr apart and returns the exit status', async () => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const code = await comm.exec({
      command: 'for i in 1 2 3; do echo out$i; echo err$i >&2; done; exit 7',
      stdout: (c) => out.push(c),
      stderr: (c) => err.push(c),
    });
    assert.equal(code, 7);
    assert.equal(Buffer.concat(out).toString(), 'out1\nout2\nout3\n');
    assert.equal(Buffer.concat(err).toString(), 'err1\nerr2\nerr3\n');
  });

  it('uploads a stream of unknown size and downloads it back', async () => {
    const src = new PassThrough();
    src.end('no size given\n');
    await comm.upload('/deep/new/dir/file.txt', src, { mode: 0o640 });
    const modes: Buffer[] = [];
    await comm.exec({ command: 'stat -c %a /deep/new/dir/file.txt', stdout: (c) => modes.push(c) });
    assert.equal(Buffer.concat(modes).toString().trim(), '640');
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await comm.download('/deep/new/dir/file.txt', sink);
    assert.equal(Buffer.concat(chunks).toString(), 'no size given\n');
    await assert.rejects(comm.download('/no/such/file', new PassThrough()), /no such file/);
    await comm.exec({ command: 'ln -s dir/file.txt /deep/new/link && ln -s /deep/new/link /deep/abs' });
    const viaLink = new PassThrough();
    const linked: Buffer[] = [];
    viaLink.on('data', (c: Buffer) => linked.push(c));
    await comm.download('/deep/abs', viaLink);
    assert.equal(Buffer.concat(linked).toString(), 'no size given\n');
  });

  it('uploads a host file through the shared directory with its mode, leaving nothing there; else through the archive API', async () => {
    const commands: string[][] = [];
    const spy = Object.create(driver) as DockerodeDriver;
    spy.exec = (cid, opts) => {
      commands.push(opts.cmd);
      return driver.exec(cid, opts);
    };
    const file = join(work, 'host-file.bin');
    await writeRandom(file, 5 * MiB);
    const want = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    const check = async (path: string) => {
      const modes: Buffer[] = [];
      await comm.exec({ command: `stat -c %a ${path}`, stdout: (c) => modes.push(c) });
      assert.equal(Buffer.concat(modes).toString().trim(), '750');
      const got = createHash('sha256');
      await comm.download(path, got);
      assert.equal(got.digest('hex'), want);
    };

    const viaShared = new DockerCommunicator(spy, id, {
      fixUploadOwner: true,
      shared: { hostDir: shared, containerDir: '/kiln-shared' },
    });
    await viaShared.upload('/up/shared.bin', createReadStream(file), { mode: 0o750 });
    await check('/up/shared.bin');
    assert.ok(
      commands.some((c) => c.join(' ').includes('cp "$1" "$2"')),
      'copied in the container',
    );
    assert.deepEqual(await readdir(shared), [], 'the shared directory is left empty');

    // A shared directory the container does not see (an engine on another host).
    const unseen = join(work, 'unseen');
    await mkdir(unseen);
    const viaArchive = new DockerCommunicator(driver, id, {
      fixUploadOwner: true,
      shared: { hostDir: unseen, containerDir: '/not-mounted' },
    });
    await viaArchive.upload('/up/archive.bin', createReadStream(file), { mode: 0o750 });
    await check('/up/archive.bin');
    assert.deepEqual(await readdir(unseen), []);
  });

  it('round-trips a 200 MiB tree with nested folders, symlinks and modes byte-identically', async () => {
    const src = join(work, 'src');
    await mkdir(join(src, 'a/b/c'), { recursive: true });
    await mkdir(join(src, 'empty'), { recursive: true });
    await writeRandom(join(src, 'big.bin'), 150 * MiB);
    await writeRandom(join(src, 'a/b/mid.bin'), 40 * MiB);
    for (let i = 0; i < 200; i++)
      await writeRandom(join(src, 'a/b/c', `small-${i}.bin`), (i * 7919) % 50_000);
    await writeFile(join(src, 'a/run.sh'), '#!/bin/sh\necho hi\n');
    await chmod(join(src, 'a/run.sh'), 0o755);
    await writeFile(join(src, 'a/secret'), 'x');
    await chmod(join(src, 'a/secret'), 0o600);
    await chmod(join(src, 'empty'), 0o750);
    await symlink('b/mid.bin', join(src, 'a/link-to-mid'));
    await symlink('/etc/passwd', join(src, 'abs-link'));
    await symlink('missing-target', join(src, 'dangling'));
    await comm.uploadDir('/data/tree', src);
    const dst = join(work, 'dst');
    await comm.downloadDir('/data/tree', dst);
    assert.deepEqual(await describeTree(dst), await describeTree(src));
    const sizes: Buffer[] = [];
    await comm.exec({ command: 'du -sm /data/tree | cut -f1', stdout: (c) => sizes.push(c) });
    assert.ok(Number(Buffer.concat(sizes).toString()) >= 190);
  });

  it('runs commands as exec_user and gives uploads to that user', async () => {
    const asNobody = new DockerCommunicator(driver, id, { execUser: 'nobody', fixUploadOwner: true });
    const out: Buffer[] = [];
    assert.equal(await asNobody.exec({ command: 'id -u', stdout: (c) => out.push(c) }), 0);
    assert.equal(Buffer.concat(out).toString().trim(), '65534');
    await asNobody.upload('/opt/owned/file', Readable.from([Buffer.from('x')]), { size: 1 });
    const owner: Buffer[] = [];
    await comm.exec({ command: 'stat -c %u /opt/owned/file', stdout: (c) => owner.push(c) });
    assert.equal(Buffer.concat(owner).toString().trim(), '65534');
  });

  it('leaves excluded paths out', async () => {
    const src = join(work, 'ex');
    await mkdir(join(src, 'skip'), { recursive: true });
    await writeFile(join(src, 'keep.txt'), 'k');
    await writeFile(join(src, 'drop.log'), 'd');
    await writeFile(join(src, 'skip/inner'), 'i');
    await comm.uploadDir('/ex', src, { exclude: ['*.log', 'skip'] });
    const out: Buffer[] = [];
    await comm.exec({ command: 'cd /ex && find . | sort', stdout: (c) => out.push(c) });
    assert.equal(Buffer.concat(out).toString(), '.\n./keep.txt\n');
    assert.equal((await readFile(join(src, 'keep.txt'))).toString(), 'k');
  });
});
