import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashTree, statFingerprint } from '../install/file-hashes.js';
import { writeLock } from '../install/lock-file.js';
import { type InstallReceipt, writeReceipt } from '../install/receipt.js';
import { initUpToDate, templateFingerprint } from '../install/up-to-date.js';
import { installedPlugins, templatePlugins } from './installed-plugins.js';

/** A plugin directory with one installed plugin and a template locked to it. */
async function fixture() {
  const base = mkdtempSync(join(tmpdir(), 'kiln-installed-'));
  const root = join(base, 'plugins');
  const dir = join(root, '@acme', 'kiln-plugin-x', '1.2.0');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"@acme/kiln-plugin-x"}');
  writeFileSync(join(dir, 'dist', 'main.js'), 'export {};\n');
  const files = hashTree(dir);
  const receipt: InstallReceipt = {
    receipt: 1,
    name: '@acme/kiln-plugin-x',
    version: '1.2.0',
    source: 'github.com/acme/x',
    integrity: 'sha512-abc',
    resolved: 'http://127.0.0.1:1/x.tgz',
    resolvedAt: new Date().toISOString(),
    protocol: 1,
    main: 'dist/main.js',
    components: { builder: ['x'] },
    files,
    stat: statFingerprint(dir, Object.keys(files)),
  };
  await writeReceipt(dir, receipt);
  const tpl = join(base, 'tpl');
  mkdirSync(tpl);
  writeFileSync(join(tpl, 'a.pkr.hcl'), 'packer {}\n');
  await writeLock(join(tpl, 'kiln.lock.json'), {
    version: 1,
    template: templateFingerprint(tpl),
    plugins: {
      'github.com/acme/x': {
        package: '@acme/kiln-plugin-x',
        version: '1.2.0',
        integrity: 'sha512-abc',
        constraint: '>= 1',
      },
    },
  });
  const env = { KILN_PLUGIN_PATH: root };
  return { base, root, dir, tpl, env, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

test('a locked template sees exactly its locked plugins, from receipts', async () => {
  const f = await fixture();
  try {
    const d = templatePlugins(join(f.tpl, 'a.pkr.hcl'), f.env);
    assert.deepEqual(
      d.plugins.map((p) => [p.name, p.version, p.main, p.origin]),
      [['@acme/kiln-plugin-x', '1.2.0', join(f.dir, 'dist/main.js'), 'installed']],
    );
    assert.equal(initUpToDate(f.tpl, f.env), true);
    assert.deepEqual(
      installedPlugins(f.root, true).plugins.map((p) => p.name),
      ['@acme/kiln-plugin-x'],
    );
  } finally {
    f.dispose();
  }
});

test('a modified file makes the locked plugin unusable, naming the file and kiln init', async () => {
  const f = await fixture();
  try {
    appendFileSync(join(f.dir, 'dist', 'main.js'), '// changed\n');
    assert.throws(
      () => templatePlugins(f.tpl, f.env),
      /plugin @acme\/kiln-plugin-x 1\.2\.0 \(github\.com\/acme\/x, locked in .*kiln\.lock\.json\) was modified after it was installed \(dist\/main\.js was modified\)\. Run `kiln init`/,
    );
    assert.equal(initUpToDate(f.tpl, f.env), false);
    const listed = installedPlugins(f.root, true);
    assert.equal(listed.plugins.length, 0);
    assert.match(listed.ignored[0]?.reason ?? '', /modified after install/);
  } finally {
    f.dispose();
  }
});

test('an added file, a missing install and a changed template are noticed', async () => {
  const f = await fixture();
  try {
    writeFileSync(join(f.dir, 'dist', 'extra.js'), 'x');
    assert.throws(() => templatePlugins(f.tpl, f.env), /dist\/extra\.js was added/);
    rmSync(join(f.dir, 'dist', 'extra.js'));
    writeFileSync(join(f.tpl, 'a.pkr.hcl'), 'packer { }\n');
    assert.equal(initUpToDate(f.tpl, f.env), false, 'the template changed since the lock was written');
    rmSync(f.root, { recursive: true });
    assert.throws(() => templatePlugins(f.tpl, f.env), /is not installed in .*Run `kiln init`/);
  } finally {
    f.dispose();
  }
});
