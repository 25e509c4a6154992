import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, runSteps, type Step } from './steps.js';
import type { Ui } from './ui.js';

const ui = (): Ui & { errors: string[] } => {
  const errors: string[] = [];
  return { errors, say() {}, message() {}, error: (t) => errors.push(t), progress() {}, ask: async () => '' };
};

interface State {
  log: string[];
}

const step = (name: string, fail = false): Step<State> => ({
  name,
  async run(s) {
    s.log.push(`run ${name}`);
    if (fail) throw new Error(`${name} failed`);
  },
  async cleanup(s) {
    s.log.push(`cleanup ${name}`);
  },
});

test('cleanups unwind in reverse after success', async () => {
  const s: State = { log: [] };
  await runSteps([step('a'), step('b')], s, { ui: ui(), signal: new AbortController().signal });
  assert.deepEqual(s.log, ['run a', 'run b', 'cleanup b', 'cleanup a']);
});

test('a failing step stops the run; started steps are cleaned up, the error is rethrown', async () => {
  const s: State = { log: [] };
  await assert.rejects(
    runSteps([step('a'), step('b', true), step('c')], s, { ui: ui(), signal: new AbortController().signal }),
    /b failed/,
  );
  assert.deepEqual(s.log, ['run a', 'run b', 'cleanup b', 'cleanup a']);
});

test('cancel during a step: CancelledError, and cleanups still run', async () => {
  const s: State = { log: [] };
  const ac = new AbortController();
  const slow: Step<State> = {
    name: 'slow',
    async run(st, ctx) {
      st.log.push('run slow');
      ac.abort();
      await new Promise((r) => setTimeout(r, 5));
      if (ctx.signal.aborted) throw new Error('aborted');
    },
    async cleanup(st, ctx) {
      assert.equal(ctx.signal.aborted, false, 'cleanup gets a live signal');
      st.log.push('cleanup slow');
    },
  };
  await assert.rejects(
    runSteps([step('a'), slow, step('c')], s, { ui: ui(), signal: ac.signal }),
    CancelledError,
  );
  assert.deepEqual(s.log, ['run a', 'run slow', 'cleanup slow', 'cleanup a']);
});

test('a failing cleanup is reported and does not hide the step error', async () => {
  const s: State = { log: [] };
  const u = ui();
  const bad: Step<State> = {
    name: 'bad',
    async run() {},
    async cleanup() {
      throw new Error('cleanup boom');
    },
  };
  await assert.rejects(
    runSteps([bad, step('x', true)], s, { ui: u, signal: new AbortController().signal }),
    /x failed/,
  );
  assert.match(u.errors[0] ?? '', /Cleanup of step "bad" failed: cleanup boom/);
});
