// The test runner's skip policy. A test that skips itself (its service or
// tool is missing) fails the run: CI and `npm test` must not go green
// without it. A developer may opt in to skips locally with
// KILN_TEST_ALLOW_SKIP=1; the run then ends with the list of what was
// skipped and why. CI (the CI variable set) never allows skips.
import { relative } from 'node:path';

/** Reasons node gives tests that a run's own filters left out (--test-name-pattern, --test-only): not skips. */
const DESELECTED = ['test name does not match pattern', "'only' option not set"];

/** The skips a skip-reporter run wrote (one JSON object a line); bad lines and deselected tests are ignored. */
export function parseSkips(text) {
  const skips = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let skip;
    try {
      skip = JSON.parse(line);
    } catch {
      continue;
    }
    if (!DESELECTED.includes(skip.reason)) skips.push(skip);
  }
  return skips;
}

/** Whether skips are allowed in this environment, and a note when an opt-in is refused. */
export function skipsAllowed(env) {
  const asked = env.KILN_TEST_ALLOW_SKIP === '1';
  if (asked && env.CI) return { allowed: false, note: 'KILN_TEST_ALLOW_SKIP=1 is ignored in CI.' };
  return { allowed: asked };
}

/**
 * The run's verdict on its skips: the summary text to print (empty when
 * nothing skipped) and whether the run fails because of them.
 */
export function skipSummary(skips, { env, root }) {
  if (skips.length === 0) return { text: '', fail: false };
  const { allowed, note } = skipsAllowed(env);
  const lines = skips.map((s) => {
    const where = s.file ? `${relative(root, s.file)}${s.line ? `:${s.line}` : ''}` : '(unknown file)';
    return `  - ${where} ${s.name}: ${s.reason || 'skipped without a reason'}`;
  });
  const count = `${skips.length} test${skips.length === 1 ? '' : 's'}`;
  if (allowed)
    return {
      text: `\n${count} skipped (allowed by KILN_TEST_ALLOW_SKIP=1):\n${lines.join('\n')}\n`,
      fail: false,
    };
  const how = [
    'Start what they need (npm run env:up, or bash test/env/up.sh SERVICE) and run them again.',
    'Only on a developer machine, KILN_TEST_ALLOW_SKIP=1 lets a run skip them.',
  ];
  return {
    text: `\n${count} did not run, so this run fails:\n${lines.join('\n')}\n${note ? `${note}\n` : ''}${how.join('\n')}\n`,
    fail: true,
  };
}

/**
 * The verdict of an opt-in suite (`cloud`): what did not run and why, and a
 * failed run whenever something did not run (KILN_TEST_ALLOW_SKIP does not
 * apply: such a suite is never counted as passed without running).
 */
export function notRunSummary(skips, suite) {
  if (skips.length === 0) return { text: '', fail: false };
  const lines = skips.map((s) => `  - ${s.name}: ${s.reason || 'skipped without a reason'}`);
  return {
    text: `\nThe ${suite} suite did not run (${skips.length} test${skips.length === 1 ? '' : 's'}), so this run fails:\n${lines.join('\n')}\nGive it the credentials it names (docs/plugins/googlecompute.md, "Testing against a fake").\n`,
    fail: true,
  };
}
