import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excluder } from './exclude.js';

test('exclude: a path, a base name, a whole directory, dot files; nothing without patterns', () => {
  const skip = excluder(['*.log', 'cache', 'src/**/*.tmp', '.git']);
  assert.equal(skip('a.log'), true);
  assert.equal(skip('deep/dir/b.log'), true, 'a pattern without a slash matches the base name');
  assert.equal(skip('cache'), true);
  assert.equal(skip('cache/x/y.txt'), true, 'what is inside a left-out directory');
  assert.equal(skip('src/a/b/c.tmp'), true);
  assert.equal(skip('.git/HEAD'), true);
  assert.equal(skip('src/main.ts'), false);
  assert.equal(skip('cached.txt'), false);
  assert.equal(excluder(undefined)('anything'), false);
  assert.equal(excluder([])('anything'), false);
});
