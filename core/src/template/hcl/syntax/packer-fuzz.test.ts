import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { requireReferencePacker } from '../../reference-packer.test-data.js';
import { corpusDir, hclFiles } from './corpus.test-data.js';
import { mutate, prng } from './mutate.test-data.js';
import { initHclParser, parseHcl } from './parse.js';

const COUNT = Number(process.env.KILN_PACKER_FUZZ_COUNT ?? 20);

/** Packer errors about its own block schema, not HCL syntax: the syntax parser does not see those. */
const SCHEMA =
  /Unsupported block type|Unsupported argument|Invalid type specification|Invalid variable name|Variables not allowed|Missing required argument|Duplicate|Extraneous label|Missing name|Invalid default value|Function calls not allowed/;

describe('mutated corpus files against packer validate -syntax-only', () => {
  before(() => initHclParser());

  it(`accepts and rejects ${COUNT} mutants as Packer does`, { timeout: 300_000 }, () => {
    const corpus = corpusDir();
    const PACKER = requireReferencePacker();
    if ('missing' in corpus) throw new Error(corpus.missing);
    const seeds = hclFiles(corpus.dir)
      .filter((f) => f.endsWith('.pkr.hcl'))
      .map((f) => readFileSync(f, 'utf8'));
    const seed = Number(process.env.KILN_FUZZ_SEED ?? 424242);
    const rand = prng(seed);
    const dir = mkdtempSync(join(tmpdir(), 'kiln-hcl-mutants-'));
    const mismatches: string[] = [];
    try {
      for (let i = 0; i < COUNT; i++) {
        const text = mutate(seeds[Math.floor(rand() * seeds.length)], rand);
        const file = join(dir, `m${i}.pkr.hcl`);
        writeFileSync(file, text);
        const run = spawnSync(PACKER, ['validate', '-syntax-only', file], {
          encoding: 'utf8',
          timeout: 60_000,
        });
        const output = `${run.stdout}\n${run.stderr}`;
        const summary = /Error: ([^\n]*)/.exec(output)?.[1] ?? '';
        if (run.status !== 0 && SCHEMA.test(summary)) continue;
        const packerAccepts = run.status === 0;
        const kiln = parseHcl(text, file).diagnostics;
        if (packerAccepts !== (kiln.length === 0)) {
          mismatches.push(
            `${file}: packer ${packerAccepts ? 'accepts' : `rejects (${summary})`}, kiln ${kiln.length === 0 ? 'accepts' : `rejects (${kiln[0].summary})`}`,
          );
        }
      }
      assert.deepEqual(mismatches, [], `seed ${seed} (KILN_FUZZ_SEED reproduces the mutants)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
