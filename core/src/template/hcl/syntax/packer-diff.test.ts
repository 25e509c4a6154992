import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { requireReferencePacker } from '../../reference-packer.test-data.js';
import { initHclParser, parseHcl } from './parse.js';
import { SYNTAX_CASES } from './syntax-cases.test-data.js';

describe('differential check against packer validate -syntax-only', () => {
  before(() => initHclParser());

  it('accepts and rejects the same snippets as Packer', () => {
    const PACKER = requireReferencePacker();
    const dir = mkdtempSync(join(tmpdir(), 'kiln-hcl-diff-'));
    try {
      const cases = SYNTAX_CASES.filter((c) => c.packerSchema !== false);
      cases.forEach((c, i) => {
        writeFileSync(join(dir, `case${i}.pkr.hcl`), c.text.replace('"null" "x"', `"null" "x${i}"`));
      });
      const run = spawnSync(PACKER, ['validate', '-syntax-only', dir], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.error, undefined, `packer did not run: ${run.error}`);
      const output = `${run.stdout}\n${run.stderr}`;
      const mismatches: string[] = [];
      cases.forEach((c, i) => {
        const packerAccepts = !new RegExp(`case${i}\\.pkr\\.hcl line`).test(output);
        const kilnAccepts = parseHcl(c.text, 'case.pkr.hcl').diagnostics.length === 0;
        if (packerAccepts !== kilnAccepts || packerAccepts !== c.valid) {
          mismatches.push(
            `${c.name}: packer ${packerAccepts ? 'accepts' : 'rejects'}, kiln ${kilnAccepts ? 'accepts' : 'rejects'}`,
          );
        }
      });
      assert.deepEqual(mismatches, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
