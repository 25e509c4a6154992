import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { corpusDir, hclFiles } from './corpus.test-data.js';
import { mutate, prng } from './mutate.test-data.js';
import { initHclParser, parseHcl } from './parse.js';
import { SYNTAX_CASES } from './syntax-cases.test-data.js';

const ITERATIONS = 300;
const BUDGET_MS = 30_000;
const PER_PARSE_MS = 2_000;

describe('parseHcl fuzz', () => {
  before(() => initHclParser());

  it(`survives ${ITERATIONS} mutated files with diagnostics only`, { timeout: 120_000 }, (t) => {
    const corpus = corpusDir();
    const seeds = SYNTAX_CASES.filter((c) => c.valid).map((c) => c.text);
    if ('missing' in corpus) t.diagnostic(`${corpus.missing}; fuzzing the built-in cases only`);
    else seeds.push(...hclFiles(corpus.dir).map((f) => readFileSync(f, 'utf8')));
    const seed = Number(process.env.KILN_FUZZ_SEED ?? 20240601);
    const rand = prng(seed);
    const started = Date.now();
    let runs = 0;
    for (; runs < ITERATIONS && Date.now() - started < BUDGET_MS; runs++) {
      let text = seeds[Math.floor(rand() * seeds.length)];
      const rounds = 1 + Math.floor(rand() * 3);
      for (let r = 0; r < rounds; r++) text = mutate(text, rand);
      const t0 = Date.now();
      let result: ReturnType<typeof parseHcl>;
      try {
        result = parseHcl(text, 'fuzz.pkr.hcl');
      } catch (err) {
        assert.fail(`seed ${seed} run ${runs}: parseHcl threw ${String(err)}\n--- input ---\n${text}`);
      }
      assert.ok(Date.now() - t0 < PER_PARSE_MS, `seed ${seed} run ${runs}: parse took ${Date.now() - t0}ms`);
      for (const d of result.diagnostics) {
        assert.ok(d.range, `seed ${seed} run ${runs}: diagnostic without range: ${d.summary}`);
        assert.ok(
          d.range.start.byte <= d.range.end.byte && d.range.end.line >= 1,
          `bad range for ${d.summary}`,
        );
        assert.ok(d.summary.length > 0);
      }
    }
    t.diagnostic(`${runs} mutated inputs parsed in ${Date.now() - started}ms (seed ${seed})`);
    assert.ok(runs >= Math.min(ITERATIONS, 50), `only ${runs} runs fitted in the time budget`);
  });
});
