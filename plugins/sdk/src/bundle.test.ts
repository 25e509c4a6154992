import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { bundleOrCompiled, hashString } from './bundle.js';

describe('bundleOrCompiled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bundle-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const url = (name: string) => pathToFileURL(join(dir, name));
  const file = (name: string, secondsAgo: number) => {
    writeFileSync(join(dir, name), '');
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(join(dir, name), t, t);
    return url(name);
  };

  // Bundles are dated in the future: they must also be newer than this
  // clone's own SDK build info, which the check always includes.
  it('chooses the bundle when it is newer than every build info', () => {
    const bundle = file('a.bundle.js', -3600);
    assert.equal(bundleOrCompiled(bundle, url('a.js'), [file('a.tsbuildinfo', -1800)]).href, bundle.href);
  });

  it('chooses the compiled files after a later compile', () => {
    const bundle = file('b.bundle.js', -1800);
    assert.equal(
      bundleOrCompiled(bundle, url('b.js'), [file('b.tsbuildinfo', -3600)]).href,
      url('b.js').href,
    );
  });

  it('ignores build infos that do not exist (an installed package)', () => {
    const bundle = file('c.bundle.js', -3600);
    assert.equal(bundleOrCompiled(bundle, url('c.js'), [url('missing.tsbuildinfo')]).href, bundle.href);
  });

  it('chooses the compiled files when there is no bundle, or KILN_NO_BUNDLE is set', () => {
    assert.equal(bundleOrCompiled(url('none.bundle.js'), url('none.js')).href, url('none.js').href);
    const bundle = file('d.bundle.js', -3600);
    process.env.KILN_NO_BUNDLE = '1';
    try {
      assert.equal(bundleOrCompiled(bundle, url('d.js')).href, url('d.js').href);
    } finally {
      delete process.env.KILN_NO_BUNDLE;
    }
  });

  it('loadBundle runs a CommonJS bundle, gives its dynamic imports a real import(), and reuses its compiled code', () => {
    const cache = join(dir, 'cache');
    const bundle = join(dir, 'e.bundle.cjs');
    writeFileSync(
      bundle,
      [
        "const path = require('node:path');",
        'exports.where = () => path.basename(__filename);',
        "exports.url = () => __kilnImport('node:url').then((u) => typeof u.pathToFileURL);",
      ].join('\n'),
    );
    const run = () => {
      const r = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { loadBundle } = await import(${JSON.stringify(new URL('./bundle.js', import.meta.url).href)});
           const m = loadBundle(new URL(${JSON.stringify(pathToFileURL(bundle).href)}));
           console.log(m.where(), await m.url());`,
        ],
        { env: { ...process.env, KILN_CACHE_DIR: cache }, encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'e.bundle.cjs function\n');
      return readdirSync(join(cache, 'code')).map((f) => statSync(join(cache, 'code', f)));
    };
    const [made] = run();
    assert.ok(made && made.size > 0, 'the code cache is written when the first run exits');
    const [again] = run();
    assert.equal(again?.mtimeMs, made.mtimeMs, 'the second run accepts the cache and does not rewrite it');
  });
});

describe('hashString', () => {
  it('is 16 hex digits, stable, and differs for near texts', () => {
    assert.equal(hashString('/a/b'), hashString('/a/b'));
    assert.match(hashString(''), /^[0-9a-f]{16}$/);
    const seen = new Set<string>();
    for (let i = 0; i < 20000; i++) seen.add(hashString(`/home/user/templates/t${i}.pkr.hcl`));
    for (const s of ['a', 'b', 'ab', 'ba', 'a\0', '\0a', 'é', 'e\u0301']) seen.add(hashString(s));
    assert.equal(seen.size, 20008);
  });
});
