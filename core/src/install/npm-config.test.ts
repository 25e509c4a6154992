import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadNpmConfig } from './npm-config.js';

test('npm configuration: project over user over global, env over all, env vars expanded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-npmrc-'));
  try {
    writeFileSync(join(dir, 'global'), 'registry=http://127.0.0.1:1/\nstrict-ssl=false\n');
    const token = ['$', '{TOKEN}'].join('');
    writeFileSync(join(dir, 'user'), `registry=http://127.0.0.1:2/\n//127.0.0.1:3/:_authToken=${token}\n`);
    writeFileSync(
      join(dir, '.npmrc'),
      '@acme:registry=http://127.0.0.1:3/\nhttps-proxy=http://127.0.0.1:8/\n',
    );
    writeFileSync(join(dir, 'ca.pem'), 'PEM');
    const env = {
      HOME: dir,
      TOKEN: 's3cret',
      npm_config_globalconfig: join(dir, 'global'),
      npm_config_userconfig: join(dir, 'user'),
      npm_config_cafile: 'ca.pem',
    };
    const c = loadNpmConfig(dir, env);
    assert.equal(c.options.registry, 'http://127.0.0.1:2/');
    assert.equal(c.options['//127.0.0.1:3/:_authToken'], 's3cret');
    assert.equal(c.options.httpsProxy, 'http://127.0.0.1:8/');
    assert.equal(c.options.strictSSL, false);
    assert.equal(c.options.ca, 'PEM');
    assert.equal(c.registryFor('@acme/kiln-plugin-x'), 'http://127.0.0.1:3/');
    assert.equal(c.registryFor('other'), 'http://127.0.0.1:2/');
    assert.deepEqual(c.files, [join(dir, 'global'), join(dir, 'user'), join(dir, '.npmrc')]);
    assert.match(c.npmrcText, /@acme:registry/);
    assert.doesNotMatch(c.npmrcText, /strict-ssl/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
