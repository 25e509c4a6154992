import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notRunSummary, parseSkips, skipSummary, skipsAllowed } from './skip-policy.mjs';

const root = '/repo';
const skips = [
  {
    file: '/repo/test/dist/e2e/qemu.test.js',
    line: 12,
    name: 'the qemu builder',
    reason: 'needs the test guest',
  },
  { file: '/repo/core/dist/x.test.js', line: 3, name: 'corpus', reason: '' },
];

describe('the test runner skip policy', () => {
  it('reads the reporter lines, ignoring broken ones and tests a name pattern left out', () => {
    const deselected = {
      file: '/repo/a.test.js',
      line: 1,
      name: 'a',
      reason: 'test name does not match pattern',
    };
    const text = `${skips.map((s) => JSON.stringify(s)).join('\n')}\n${JSON.stringify(deselected)}\nnot json\n\n`;
    assert.deepEqual(parseSkips(text), skips);
  });

  it('no skips: nothing to say, the run stands', () => {
    assert.deepEqual(skipSummary([], { env: {}, root }), { text: '', fail: false });
  });

  it('a skip fails the run and lists each test with its reason and what to do', () => {
    const r = skipSummary(skips, { env: {}, root });
    assert.equal(r.fail, true);
    assert.match(r.text, /2 tests did not run, so this run fails:/);
    assert.match(r.text, /- test\/dist\/e2e\/qemu\.test\.js:12 the qemu builder: needs the test guest/);
    assert.match(r.text, /- core\/dist\/x\.test\.js:3 corpus: skipped without a reason/);
    assert.match(r.text, /npm run env:up/);
    assert.match(r.text, /KILN_TEST_ALLOW_SKIP=1/);
  });

  it('KILN_TEST_ALLOW_SKIP=1 lets skips pass and still lists them', () => {
    const r = skipSummary(skips.slice(0, 1), { env: { KILN_TEST_ALLOW_SKIP: '1' }, root });
    assert.equal(r.fail, false);
    assert.match(r.text, /1 test skipped \(allowed by KILN_TEST_ALLOW_SKIP=1\):/);
    assert.match(r.text, /qemu\.test\.js:12 the qemu builder: needs the test guest/);
  });

  it('CI never allows skips, and says the opt-in was ignored', () => {
    assert.deepEqual(skipsAllowed({ KILN_TEST_ALLOW_SKIP: '1', CI: 'true' }), {
      allowed: false,
      note: 'KILN_TEST_ALLOW_SKIP=1 is ignored in CI.',
    });
    const r = skipSummary(skips, { env: { KILN_TEST_ALLOW_SKIP: '1', CI: '1' }, root });
    assert.equal(r.fail, true);
    assert.match(r.text, /ignored in CI/);
    assert.equal(skipsAllowed({ KILN_TEST_ALLOW_SKIP: '0' }).allowed, false);
  });

  it('an opt-in suite that did not run fails the run with the reason, even where skips are allowed', () => {
    const cloud = [
      { file: '/repo/test/dist/cloud/g.test.js', line: 1, name: 'gce', reason: 'no credentials' },
    ];
    const v = notRunSummary(cloud, 'cloud');
    assert.equal(v.fail, true);
    assert.match(
      v.text,
      /The cloud suite did not run \(1 test\), so this run fails:\n {2}- gce: no credentials\n/,
    );
    assert.deepEqual(notRunSummary([], 'cloud'), { text: '', fail: false });
  });
});
