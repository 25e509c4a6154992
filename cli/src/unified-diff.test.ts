import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { unifiedDiff } from './unified-diff.js';

/** What GNU diff prints for the same texts, when it is installed. */
function gnuDiff(a: string, b: string, path: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-diff-'));
  try {
    writeFileSync(join(dir, 'a'), a);
    writeFileSync(join(dir, 'b'), b);
    const r = spawnSync('diff', [`--label=old/${path}`, `--label=new/${path}`, '-u', 'a', 'b'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return r.error ? undefined : r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CASES: [string, string][] = [
  ['a=1\n', 'a = 1\n'],
  ['a=1', 'a = 1'],
  ['a=1', 'a = 1\n'],
  ['x\n', 'x'],
  ['', 'a\n'],
  ['a\n', ''],
  ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n', '1\n2x\n3\n4\n5\n6\n7\n8\n9\n10\n11x\n12\n'],
  ['1\n2\n3\n4\n5\n6\n7\n8\n9\n', '0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n'],
  ['1\n2\n3\n4\n5\n6\n7\n8\n9\n', '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n'],
  ['a\nb\nc\nd\ne\nf\ng\nh\n', 'a\nB\nc\nd\ne\nf\nG\nh\n'],
  ['a\nb\nc\n', 'c\nb\na\n'],
  ['p {\nx=1\n  yy = 2\n}\n\nq {\n}\n', 'p {\n  x  = 1\n  yy = 2\n}\n\nq {\n}\n'],
];

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a\n', 'a\n', 'f'), '');
  });
  for (const [a, b] of CASES) {
    it(`matches diff -u for ${JSON.stringify(a)} -> ${JSON.stringify(b)}`, (t) => {
      const want = gnuDiff(a, b, 'f.pkr.hcl');
      if (want === undefined) return t.skip('diff is not installed');
      assert.equal(unifiedDiff(a, b, 'f.pkr.hcl'), want);
    });
  }
});
