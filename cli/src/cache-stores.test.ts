import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { templateFilter } from './cache-stores.js';

describe('templateFilter (kiln cache -template)', () => {
  it('keeps every entry without a path', () => {
    assert.equal(templateFilter(undefined)('/any/t.pkr.hcl'), true);
  });

  it('matches the template file, or the templates under a directory', () => {
    const dir = resolve('/src/app');
    const inDir = templateFilter(dir);
    assert.equal(inDir(join(dir, 'app.pkr.hcl')), true);
    assert.equal(inDir(join(dir, 'sub', 'x.pkr.json')), true);
    assert.equal(inDir(dir), true);
    assert.equal(inDir(resolve('/src/application/app.pkr.hcl')), false, 'a sibling with the same prefix');
    const file = templateFilter(join(dir, 'app.pkr.hcl'));
    assert.equal(file(join(dir, 'app.pkr.hcl')), true);
    assert.equal(file(join(dir, 'other.pkr.hcl')), false);
  });

  it('resolves a relative path against the working directory', () => {
    assert.equal(templateFilter('.')(join(process.cwd(), 't.pkr.hcl')), true);
  });
});
