import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Artifact, ConfigError } from '@kiln/plugin-sdk';
import { RecordingUi, testBuildContext } from '@kiln/plugin-sdk/testing';
import { tempDir } from '../testing/temp-dir.test-helper.js';
import { checksumPostProcessor } from './checksum.js';
import { compressPostProcessor } from './compress.js';
import { type ManifestFile, manifestPostProcessor } from './manifest.js';

const signal = new AbortController().signal;
const ctx = (ui = new RecordingUi()) => ({ ui, signal, sessionId: 's' });

function artifactOf(files: string[], id = 'img-1'): Artifact {
  return { builderId: 'test', id, files, description: 'test artifact', state: {} };
}

async function twoFiles(dir: string): Promise<string[]> {
  const a = join(dir, 'a.img');
  const b = join(dir, 'b.txt');
  await writeFile(a, 'disk image bytes');
  await writeFile(b, 'notes\n');
  return [a, b];
}

describe('manifest post-processor', () => {
  it('appends builds, strips paths and times, and starts over with -force on a new run', async () => {
    await using dir = await tempDir();
    const files = await twoFiles(dir.path);
    const output = join(dir.path, 'out', 'manifest.json');
    const first = await manifestPostProcessor.configure(
      { output, strip_path: true, custom_data: { owner: 'ops' } },
      testBuildContext({ buildName: 'one' }),
    );
    const r = await first.postProcess(ctx(), artifactOf(files));
    assert.equal(r.keep, true);
    assert.equal(r.forceOverride, true);
    const second = await manifestPostProcessor.configure(
      { output, strip_time: true },
      testBuildContext({ buildName: 'two' }),
    );
    await second.postProcess(ctx(), artifactOf([], 'Null'));
    const m = JSON.parse(await readFile(output, 'utf8')) as ManifestFile;
    assert.equal(m.last_run_uuid, 'run-1234');
    assert.equal(m.builds.length, 2);
    assert.deepEqual(m.builds[0]!.files, [
      { name: 'a.img', size: 16 },
      { name: 'b.txt', size: 6 },
    ]);
    assert.deepEqual(m.builds[0]!.custom_data, { owner: 'ops' });
    assert.equal(typeof m.builds[0]!.build_time, 'number');
    assert.equal(m.builds[1]!.build_time, undefined);
    assert.equal(m.builds[1]!.files, null);
    assert.equal(m.builds[1]!.artifact_id, 'Null');
    const forced = await manifestPostProcessor.configure(
      { output },
      testBuildContext({ runId: 'run-2', force: true }),
    );
    await forced.postProcess(ctx(), artifactOf(files));
    const again = JSON.parse(await readFile(output, 'utf8')) as ManifestFile;
    assert.equal(again.builds.length, 1);
    assert.equal(again.builds[0]!.packer_run_uuid, 'run-2');
  });

  it('keeps every entry when builds write in parallel', async () => {
    await using dir = await tempDir();
    const output = join(dir.path, 'm.json');
    const pps = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        manifestPostProcessor.configure({ output }, testBuildContext({ buildName: `b${n}` })),
      ),
    );
    await Promise.all(pps.map((p) => p.postProcess(ctx(), artifactOf([]))));
    const m = JSON.parse(await readFile(output, 'utf8')) as ManifestFile;
    assert.deepEqual(m.builds.map((b) => b.name).sort(), ['b1', 'b2', 'b3', 'b4', 'b5']);
  });
});

describe('checksum post-processor', () => {
  it('writes "<hash>\\t<file>" lines per type that sha256sum/md5sum agree with', async () => {
    await using dir = await tempDir();
    const files = await twoFiles(dir.path);
    const pp = await checksumPostProcessor.configure(
      { checksum_types: ['md5', 'sha256'], output: join(dir.path, '{{.BuildName}}.{{.ChecksumType}}') },
      testBuildContext({ buildName: 'web' }),
    );
    const r = await pp.postProcess(ctx(), artifactOf(files));
    const md5 = join(dir.path, 'web.md5');
    const sha = join(dir.path, 'web.sha256');
    assert.deepEqual(r.artifact?.files, [...files, md5, sha]);
    assert.equal(r.keep, true);
    for (const [f, tool] of [
      [md5, 'md5sum'],
      [sha, 'sha256sum'],
    ] as const) {
      const text = await readFile(f, 'utf8');
      assert.match(text, /^[0-9a-f]+\ta\.img\n[0-9a-f]+\tb\.txt\n$/);
      const check = execFileSync(tool, ['-c', f], { cwd: dir.path, encoding: 'utf8' });
      assert.match(check, /a\.img: OK/);
    }
    await checksumPostProcessor.destroyArtifact!(r.artifact!);
    assert.equal(existsSync(md5), false);
    assert.equal(existsSync(files[0]!), true, 'input files are not destroyed');
  });

  it('rejects an unknown checksum type with its path', async () => {
    await assert.rejects(
      checksumPostProcessor.configure({ checksum_types: ['md5', 'crc32'] }, testBuildContext()),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.diagnostics[0]!.path, ['checksum_types', 1]);
        return true;
      },
    );
  });
});

describe('compress post-processor', () => {
  it('writes tar.gz, tar, zip and gz archives that the system tools read', async () => {
    await using dir = await tempDir();
    const files = await twoFiles(dir.path);
    const make = async (output: string, input = files, extra: Record<string, unknown> = {}) => {
      const pp = await compressPostProcessor.configure(
        { output, ...extra },
        testBuildContext({ buildName: 'web' }),
      );
      const ui = new RecordingUi();
      const r = await pp.postProcess(ctx(ui), artifactOf(input));
      assert.equal(r.artifact?.description, `compressed artifacts in: ${r.artifact?.files[0]}`);
      return { r, ui };
    };
    const tgz = join(dir.path, 'out', '{{.BuildName}}.tar.gz');
    const { ui } = await make(tgz);
    const tgzPath = join(dir.path, 'out', 'web.tar.gz');
    assert.deepEqual(ui.texts('say'), [
      `Using gzip compression for ${tgzPath}`,
      `Tarring ${tgzPath} with gzip`,
      `Archive ${tgzPath} completed`,
    ]);
    assert.deepEqual(
      execFileSync('tar', ['-tzf', tgzPath], { encoding: 'utf8' }).split('\n').filter(Boolean),
      ['a.img', 'b.txt'],
    );
    const tar = join(dir.path, 'plain.tar');
    await make(tar);
    assert.match(execFileSync('tar', ['-tf', tar], { encoding: 'utf8' }), /b\.txt/);
    const zip = join(dir.path, 'all.zip');
    await make(zip, files, { compression_level: 9 });
    assert.match(execFileSync('unzip', ['-l', zip], { encoding: 'utf8' }), /a\.img/);
    const gz = join(dir.path, 'single');
    const { r } = await make(gz, [files[0]!], { format: 'gz' });
    assert.equal(r.artifact?.files[0], gz);
    assert.equal(execFileSync('gunzip', ['-c', gz], { encoding: 'utf8' }), 'disk image bytes');
    assert.equal(r.keep, false);
  });

  it('refuses several files for a single-file format, and unsupported formats', async () => {
    await using dir = await tempDir();
    const files = await twoFiles(dir.path);
    const pp = await compressPostProcessor.configure({ output: join(dir.path, 'x.gz') }, testBuildContext());
    await assert.rejects(
      pp.postProcess(ctx(), artifactOf(files)),
      /Can only have 1 input file when not using tar\/zip/,
    );
    assert.equal(existsSync(join(dir.path, 'x.gz')), false);
    await assert.rejects(
      compressPostProcessor.configure({ output: 'x.tar.xz' }, testBuildContext()),
      (err) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.diagnostics[0]!.path, ['output']);
        return true;
      },
    );
  });
});
