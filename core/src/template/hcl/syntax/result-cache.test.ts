import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseHclAsync } from './parse.js';
import { resultCache } from './result-cache.js';

describe('resultCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-result-cache-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { KILN_CACHE_DIR: dir };
  const text = 'source "null" "a" {\n  communicator = "none"\n  x = [1,\n}\n';

  it('gives back what was stored for the same name and text, as a copy', async () => {
    const parsed = await parseHclAsync(text, 'a.pkr.hcl');
    const cache = resultCache<typeof parsed>('test', env);
    assert.equal(cache.get(text, 'a.pkr.hcl'), undefined);
    cache.set(text, 'a.pkr.hcl', parsed);
    const hit = cache.get(text, 'a.pkr.hcl');
    assert.deepEqual(hit, parsed);
    assert.notEqual(hit, parsed);
    assert.ok(hit && hit.diagnostics.length > 0, 'syntax errors are kept with the tree');
  });

  it('misses for another name, another text or another kind', () => {
    const cache = resultCache<string>('test', env);
    cache.set('a = 1\n', 'x.pkr.hcl', 'x');
    assert.equal(cache.get('a = 1\n', 'x.pkr.hcl'), 'x');
    assert.equal(cache.get('a = 1\n', 'y.pkr.hcl'), undefined);
    assert.equal(cache.get('a = 2\n', 'x.pkr.hcl'), undefined);
    assert.equal(resultCache<string>('other', env).get('a = 1\n', 'x.pkr.hcl'), undefined);
  });

  it('misses when an entry under the same file name holds another text', () => {
    const cache = resultCache<string>('swap', env);
    cache.set('d = 1\n', 'd.pkr.hcl', 'one');
    cache.set('d = 2\n', 'd.pkr.hcl', 'two');
    const names = readdirSync(join(dir, 'parse'));
    // What a colliding name would do: the entry of one text under the other's name.
    const before = new Set(names);
    cache.set('d = 3\n', 'd.pkr.hcl', 'three');
    const third = readdirSync(join(dir, 'parse')).find((n) => !before.has(n))!;
    for (const n of names) {
      if (n === third) continue;
      writeFileSync(join(dir, 'parse', third), readFileSync(join(dir, 'parse', n)));
      assert.equal(cache.get('d = 3\n', 'd.pkr.hcl'), undefined, n);
    }
    assert.equal(cache.get('d = 1\n', 'd.pkr.hcl'), 'one');
  });

  it('is off with KILN_PARSE_CACHE=0, and skips an entry it cannot read', () => {
    const off = resultCache<string>('off', { ...env, KILN_PARSE_CACHE: '0' });
    off.set('b\n', 'b.pkr.hcl', 'b');
    assert.equal(off.get('b\n', 'b.pkr.hcl'), undefined);
    const on = resultCache<string>('bad', env);
    on.set('c\n', 'c.pkr.hcl', 'c');
    for (const f of readdirSync(join(dir, 'parse'))) writeFileSync(join(dir, 'parse', f), 'not serialized');
    assert.equal(on.get('c\n', 'c.pkr.hcl'), undefined);
  });
});
