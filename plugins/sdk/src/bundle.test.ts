import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { bundleOrCompiled, packageEntry } from './bundle.js';

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
    assert.equal(bundleOrCompiled(bundle, url('b.js'), [file('b.tsbuildinfo', -3600)]).href, url('b.js').href);
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

  it('packageEntry looks beside main.js and at the package build info', () => {
    const main = pathToFileURL(join(dir, 'dist', 'main.js')).href;
    assert.equal(packageEntry(main, 'plugin').href, pathToFileURL(join(dir, 'dist', 'plugin.js')).href);
  });
});
