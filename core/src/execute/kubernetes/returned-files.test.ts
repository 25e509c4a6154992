import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { asManifest, manifestText } from './manifest-merge.js';
import { changedFiles, packFiles, podFileEvents, snapshot } from './pod-files.js';
import { RemoteLog } from './remote-events.js';
import { badPath, destinationOf, FileReturn } from './returned-files.js';

const dirs: string[] = [];
const temp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `kiln-${name}-`));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A gzipped tar of raw entries, names as given (the pod's side never makes bad ones). */
async function tarOf(
  entries: { name: string; body?: string; mode?: number; type?: 'file' | 'symlink'; linkname?: string }[],
) {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c) => chunks.push(c as Buffer));
  const ended = new Promise<void>((r) => tar.on('end', () => r()));
  for (const e of entries)
    tar.entry(
      {
        name: e.name,
        mode: e.mode ?? 0o644,
        type: e.type ?? 'file',
        ...(e.linkname ? { linkname: e.linkname } : {}),
      },
      e.body ?? '',
    );
  tar.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

test('badPath refuses absolute, ".." and odd names', () => {
  assert.equal(badPath('manifest.json'), undefined);
  assert.equal(badPath('out/x.txt'), undefined);
  assert.match(badPath('/etc/passwd') ?? '', /absolute/);
  assert.match(badPath('../x') ?? '', /\.\./);
  assert.match(badPath('out/../../x') ?? '', /\.\./);
  assert.match(badPath('a//b') ?? '', /empty/);
  assert.match(badPath('a\\b') ?? '', /backslash/);
  assert.match(badPath('C:x') ?? '', /absolute/);
});

test('destinationOf refuses a symbolic link leading out of the directory, and allows one inside', async () => {
  const root = temp('dest');
  const outside = temp('outside');
  symlinkSync(outside, join(root, 'escape'));
  mkdirSync(join(root, 'real'));
  symlinkSync(join(root, 'real'), join(root, 'inside'));
  await assert.rejects(destinationOf(root, 'escape/x.txt'), /symbolic link leading out/);
  await assert.rejects(destinationOf(root, 'escape/deeper/x.txt'), /symbolic link leading out/);
  assert.match(await destinationOf(root, 'inside/x.txt'), /real|inside/);
  assert.ok((await destinationOf(root, 'new/dir/x.txt')).endsWith(join('new', 'dir', 'x.txt')));
});

test('pod side: only files the build created or changed are packed; the archive comes back whole through the log', async () => {
  const pod = temp('pod');
  writeFileSync(join(pod, 'box.pkr.hcl'), 'source {}');
  writeFileSync(join(pod, 'kept.txt'), 'same');
  mkdirSync(join(pod, 'packer_cache'));
  const before = await snapshot(pod);
  writeFileSync(join(pod, 'kept.txt'), 'same');
  writeFileSync(join(pod, 'box.pkr.hcl'), 'changed');
  mkdirSync(join(pod, 'out'));
  writeFileSync(join(pod, 'out', 'x.txt'), 'x'.repeat(20_000), { mode: 0o750 });
  writeFileSync(join(pod, 'packer_cache', 'big.iso'), 'iso');
  symlinkSync('/etc/passwd', join(pod, 'link'));
  const changed = await changedFiles(pod, before);
  assert.deepEqual(
    changed.map((f) => f.path),
    ['box.pkr.hcl', 'out/x.txt'],
  );
  const files = changed.map(({ path, size }) => ({ path, size }));
  const archive = await packFiles(pod, files, 1 << 20);
  assert.ok(archive);
  // Through a log of -output=json lines, in parts, and a reopened stream seeing some again.
  const events = podFileEvents('null.one', files, archive, 1 << 20);
  assert.equal(events.at(-1)?.kind, 'end');
  const log = new RemoteLog('null.one', () => assert.fail('pod-files events are not shown'), 1 << 20);
  const line = (i: number) =>
    `2026-01-01T00:00:0${i}.${String(i).padStart(9, '0')}Z ${JSON.stringify(events[i])}\n`;
  const s1 = log.stream();
  s1.write(line(0));
  await new Promise((r) => s1.end(r));
  const s2 = log.stream();
  for (let i = 0; i < events.length; i++) s2.write(line(i));
  await new Promise((r) => s2.end(r));
  assert.equal(log.files?.kind, 'archive');

  // Written here: atomically, with their modes, nothing else left behind.
  const here = temp('here');
  writeFileSync(join(here, 'box.pkr.hcl'), 'source {}');
  const back = await new FileReturn(here, false).bringBack(
    'null.one',
    (log.files as { archive: Buffer }).archive,
  );
  assert.deepEqual(back, {
    written: [
      { path: 'box.pkr.hcl', size: 7 },
      { path: 'out/x.txt', size: 20_000 },
    ],
    warnings: [],
  });
  assert.equal(readFileSync(join(here, 'box.pkr.hcl'), 'utf8'), 'changed');
  assert.equal(readFileSync(join(here, 'out', 'x.txt'), 'utf8'), 'x'.repeat(20_000));
  assert.equal(statSync(join(here, 'out', 'x.txt')).mode & 0o777, 0o750);
  assert.deepEqual(readdirSync(here).sort(), ['box.pkr.hcl', 'out']);
  assert.deepEqual(readdirSync(join(here, 'out')), ['x.txt']);
});

test('pod side: files over the limit are not packed; the log reports them over, with their sizes', async () => {
  const pod = temp('pod-over');
  const { randomBytes } = await import('node:crypto');
  writeFileSync(join(pod, 'big.bin'), randomBytes(64 * 1024));
  const files = [{ path: 'big.bin', size: 64 * 1024 }];
  assert.equal(await packFiles(pod, files, 16 * 1024), undefined);
  // Far over the limit: not even compressed.
  assert.equal(await packFiles(pod, [{ path: 'big.bin', size: 1 << 30 }], 1024), undefined);
  const [over] = podFileEvents('null.one', files, undefined, 16 * 1024);
  assert.deepEqual(over, { type: 'pod-files', build: 'null.one', kind: 'over', maxBytes: 16 * 1024, files });
  // A part lost on the way: nothing is taken.
  const archive = await packFiles(pod, files, 1 << 20);
  const events = podFileEvents('null.one', files, archive, 1 << 20);
  const log = new RemoteLog('null.one', () => undefined, 1 << 20);
  const s = log.stream();
  events.forEach((e, i) => {
    if (i !== 2) s.write(`${JSON.stringify(e)}\n`);
  });
  await new Promise((r) => s.end(r));
  assert.equal(log.files?.kind, 'broken');
});

test('bringBack refuses entries leaving the directory and writes the rest', async () => {
  const here = temp('escape');
  const outside = temp('escape-out');
  symlinkSync(outside, join(here, 'out'));
  const archive = await tarOf([
    { name: '../evil.txt', body: 'no' },
    { name: '/tmp/evil.txt', body: 'no' },
    { name: 'out/evil.txt', body: 'no' },
    { name: 'link', type: 'symlink', linkname: '/etc/passwd' },
    { name: 'ok.txt', body: 'yes' },
  ]);
  const back = await new FileReturn(here, false).bringBack('null.one', archive);
  assert.deepEqual(back.written, [{ path: 'ok.txt', size: 3 }]);
  assert.equal(back.warnings.length, 4, back.warnings.join('\n'));
  assert.deepEqual(readdirSync(outside), []);
  assert.deepEqual(readdirSync(here).sort(), ['ok.txt', 'out']);
});

test("several builds: manifests merge, another file is the last one's with a warning naming both", async () => {
  const here = temp('merge');
  const entry = (name: string) => ({
    name,
    builder_type: 'null',
    build_time: 1,
    files: null,
    artifact_id: 'Null',
    packer_run_uuid: 'r1',
    custom_data: null,
  });
  const files = new FileReturn(here, false);
  const one = await tarOf([
    { name: 'manifest.json', body: manifestText({ builds: [entry('one')], last_run_uuid: 'r1' }) },
    { name: 'out/x.txt', body: 'one' },
  ]);
  const two = await tarOf([
    { name: 'manifest.json', body: manifestText({ builds: [entry('two')], last_run_uuid: 'r1' }) },
    { name: 'out/x.txt', body: 'two' },
  ]);
  const [a, b] = await Promise.all([files.bringBack('null.one', one), files.bringBack('null.two', two)]);
  const m = asManifest(readFileSync(join(here, 'manifest.json'), 'utf8'));
  assert.deepEqual(m?.builds.map((x) => x.name).sort(), ['one', 'two']);
  assert.equal(m?.last_run_uuid, 'r1');
  const warnings = [...a.warnings, ...b.warnings];
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /out\/x\.txt came back from both null\.(one|two) and null\.(one|two)/);
  assert.ok(['one', 'two'].includes(readFileSync(join(here, 'out', 'x.txt'), 'utf8')));
  assert.deepEqual(readdirSync(here).sort(), ['manifest.json', 'out']);
});

test("a long list of files is cut short in the pod's events, saying how many more", () => {
  const files = Array.from({ length: 2000 }, (_, i) => ({ path: `out/file-${i}.txt`, size: i }));
  const [over] = podFileEvents('null.one', files, undefined, 1024);
  assert.ok(over?.kind === 'over');
  assert.ok(JSON.stringify(over).length < 12 * 1024);
  assert.equal(over.files.length + (over.more ?? 0), 2000);
  assert.ok((over.more ?? 0) > 0);
});
