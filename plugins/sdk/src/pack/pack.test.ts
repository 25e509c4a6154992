import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PackError, packSelfContained, selfContainedManifest } from './pack.js';

// Inside the repository, so that esbuild finds the workspace's node_modules.
const sdkDir = fileURLToPath(new URL('../../', import.meta.url));

describe('packSelfContained', () => {
  it('bundles kiln.main with its dependencies, keeps *.bundle.cjs and assets, and declares no dependencies', async () => {
    const dir = await mkdtemp(join(sdkDir, '.pack-test-'));
    const out = await mkdtemp(join(tmpdir(), 'kiln-pack-test-'));
    try {
      await mkdir(join(dir, 'dist'));
      await writeFile(
        join(dir, 'package.json'),
        JSON.stringify({
          name: '@acme/kiln-plugin-foo',
          version: '1.2.0',
          type: 'module',
          main: './dist/index.js',
          exports: { '.': './dist/index.js' },
          files: ['dist'],
          bin: { 'kiln-plugin-foo': './dist/main.js', other: './dist/index.js' },
          scripts: { prepack: 'exit 1' },
          dependencies: { picomatch: '^4.0.0' },
          kiln: { protocol: 1, main: 'dist/main.js', components: { builder: ['foo'] } },
        }),
      );
      await writeFile(
        join(dir, 'dist', 'main.js'),
        "import picomatch from 'picomatch';\nconst { readFileSync } = await import('node:fs');\n" +
          "console.log(picomatch('*.txt')('a.txt'), readFileSync(new URL('./data.json', import.meta.url), 'utf8').trim());\n",
      );
      await writeFile(join(dir, 'dist', 'index.js'), "export * from 'picomatch';\n");
      await writeFile(join(dir, 'dist', 'index.d.ts'), 'export {};\n');
      await writeFile(join(dir, 'dist', 'helper.bundle.cjs'), 'module.exports = 1;\n');
      await writeFile(join(dir, 'dist', 'data.json'), '{"ok":true}\n');

      const r = await packSelfContained(dir, { out });
      assert.deepEqual(r.bundled, ['picomatch']);
      assert.deepEqual(r.files, ['dist/data.json', 'dist/helper.bundle.cjs', 'dist/main.js', 'package.json']);
      const unpacked = await mkdtemp(join(tmpdir(), 'kiln-pack-test-x-'));
      try {
        execFileSync('tar', ['-xzf', r.tarball, '-C', unpacked]);
        const pkg = JSON.parse(await readFile(join(unpacked, 'package', 'package.json'), 'utf8'));
        assert.equal(pkg.dependencies, undefined);
        assert.equal(pkg.scripts, undefined);
        assert.equal(pkg.main, undefined);
        assert.deepEqual(pkg.exports, { './package.json': './package.json' });
        assert.deepEqual(pkg.devDependencies, { picomatch: '^4.0.0' });
        assert.deepEqual(pkg.bin, { 'kiln-plugin-foo': './dist/main.js' });
        assert.equal(pkg.kiln.main, 'dist/main.js');
        // Runs outside the repository: nothing to load from node_modules.
        const run = spawnSync(process.execPath, [join(unpacked, 'package', 'dist', 'main.js')], {
          encoding: 'utf8',
        });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout.trim(), 'true {"ok":true}');
      } finally {
        await rm(unpacked, { recursive: true, force: true });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });

  it('refuses a package without kiln.main, naming its package.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-pack-test-'));
    try {
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
      await assert.rejects(
        packSelfContained(dir, { out: dir }),
        (e) => e instanceof PackError && /package\.json: not a Kiln plugin package/.test(e.message),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a CommonJS package gets an .mjs launcher, and bin follows it', () => {
    const { manifest } = selfContainedManifest(
      { name: 'p', version: '1.0.0', bin: './main.js', kiln: { main: 'main.js' } },
      'main.js',
      'main.mjs',
      new Set(['package.json', 'main.mjs']),
    );
    assert.equal(manifest.kiln?.main, 'main.mjs');
    assert.deepEqual(manifest.bin, { p: './main.mjs' });
  });
});
