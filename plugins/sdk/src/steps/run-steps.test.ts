import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordingUi } from '../testing/recording-ui.js';
import type { Ui } from '../ui.js';
import { ASK_PROMPT } from './policy-prompts.js';
import { runSteps } from './run-steps.js';
import { type BuildPolicy, CancelledError, type Step } from './step.js';

const ui = (answers: string[] = []) => new RecordingUi(answers);

interface State {
  log: string[];
}

const step = (name: string, fail = 0): Step<State> => {
  let failures = fail;
  return {
    name,
    async run(s) {
      s.log.push(`run ${name}`);
      if (failures-- > 0) throw new Error(`${name} failed`);
    },
    async cleanup(s) {
      s.log.push(`cleanup ${name}`);
    },
    async leave(s) {
      s.log.push(`leave ${name}`);
    },
  };
};

const policy = (p: Partial<BuildPolicy> = {}): BuildPolicy => ({
  debug: false,
  onError: 'cleanup',
  runId: 'r1',
  ...p,
});
const ctx = (u: Ui = ui(), p: Partial<BuildPolicy> = {}, signal = new AbortController().signal) => ({
  ui: u,
  signal,
  build: policy(p),
});

test('cleanups unwind in reverse after success', async () => {
  const s: State = { log: [] };
  await runSteps([step('a'), step('b')], s, ctx());
  assert.deepEqual(s.log, ['run a', 'run b', 'cleanup b', 'cleanup a']);
});

test('a failing step stops the run; started steps are cleaned up, the error is rethrown', async () => {
  const s: State = { log: [] };
  await assert.rejects(runSteps([step('a'), step('b', 1), step('c')], s, ctx()), /b failed/);
  assert.deepEqual(s.log, ['run a', 'run b', 'cleanup b', 'cleanup a']);
});

test('cancel during a step: CancelledError, and cleanups still run', async () => {
  const s: State = { log: [] };
  const ac = new AbortController();
  const slow: Step<State> = {
    name: 'slow',
    async run(st, c) {
      st.log.push('run slow');
      ac.abort();
      await new Promise((r) => setTimeout(r, 5));
      if (c.signal.aborted) throw new Error('aborted');
    },
    async cleanup(st, c) {
      assert.equal(c.signal.aborted, false, 'cleanup gets a live signal');
      st.log.push('cleanup slow');
    },
  };
  await assert.rejects(runSteps([step('a'), slow, step('c')], s, ctx(ui(), {}, ac.signal)), CancelledError);
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
  await assert.rejects(runSteps([bad, step('x', 1)], s, ctx(u)), /x failed/);
  assert.deepEqual(u.lines, ['!!! Cleanup of step "bad" failed: cleanup boom']);
});

test('-debug pauses after the run of each step and before each cleanup, with Packer words', async () => {
  const s: State = { log: [] };
  const u = ui(['', '', '', '']);
  await runSteps([step('a'), step('b')], s, ctx(u, { debug: true }));
  assert.deepEqual(u.questions, [
    "Pausing after run of step 'a'. Press enter to continue.",
    "Pausing after run of step 'b'. Press enter to continue.",
    "Pausing before cleanup of step 'b'. Press enter to continue.",
    "Pausing before cleanup of step 'a'. Press enter to continue.",
  ]);
  assert.deepEqual(s.log, ['run a', 'run b', 'cleanup b', 'cleanup a']);
});

test('-debug: a cancel ends a pause at once and skips the later pauses', async () => {
  const s: State = { log: [] };
  const ac = new AbortController();
  const u = ui();
  u.ask = (q) => {
    u.questions.push(q);
    setTimeout(() => ac.abort(), 5);
    return new Promise(() => {});
  };
  await assert.rejects(
    runSteps([step('a'), step('b')], s, ctx(u, { debug: true }, ac.signal)),
    CancelledError,
  );
  assert.deepEqual(u.questions, ["Pausing after run of step 'a'. Press enter to continue."]);
  assert.deepEqual(s.log, ['run a', 'cleanup a']);
});

test('-on-error=abort leaves what was made, says so as Packer, and how to remove it', async () => {
  const s: State = { log: [] };
  const u = ui();
  await assert.rejects(
    runSteps([step('a'), step('b', 1), step('c')], s, ctx(u, { onError: 'abort' }), {
      cleanupFlags: ['-region x'],
    }),
    /b failed/,
  );
  assert.deepEqual(s.log, ['run a', 'run b', 'leave b', 'leave a']);
  assert.deepEqual(u.lines, [
    '!!! Step "b" failed, aborting...',
    '!!! aborted: skipping cleanup of step "a"',
    '!!! What this build made was left in place. Remove it with: kiln cleanup -region x -run r1 -force',
  ]);
});

test('-on-error=abort cleans up as usual after success', async () => {
  const s: State = { log: [] };
  await runSteps([step('a')], s, ctx(ui(), { onError: 'abort' }));
  assert.deepEqual(s.log, ['run a', 'cleanup a']);
});

test('-on-error=abort: an interrupt leaves what was made too (as Packer)', async () => {
  const s: State = { log: [] };
  const ac = new AbortController();
  const u = ui();
  const stop: Step<State> = {
    name: 'stop',
    async run() {
      ac.abort();
      throw new CancelledError();
    },
  };
  await assert.rejects(
    runSteps([step('a'), stop], s, ctx(u, { onError: 'abort' }, ac.signal)),
    CancelledError,
  );
  assert.deepEqual(s.log, ['run a', 'leave a']);
  assert.equal(u.lines[0], '!!! Interrupted, aborting...');
});

test('-on-error=run-cleanup-provisioner leaves what was made, like abort', async () => {
  const s: State = { log: [] };
  await assert.rejects(runSteps([step('a', 1)], s, ctx(ui(), { onError: 'run-cleanup-provisioner' })));
  assert.deepEqual(s.log, ['run a', 'leave a']);
});

test('-on-error=ask: retry runs the step again, then cleanup cleans up', async () => {
  const s: State = { log: [] };
  const u = ui(['x', 'r', 'c']);
  await assert.rejects(runSteps([step('a'), step('b', 2)], s, ctx(u, { onError: 'ask' })), /b failed/);
  assert.deepEqual(u.questions, [ASK_PROMPT, ASK_PROMPT, ASK_PROMPT]);
  assert.deepEqual(s.log, ['run a', 'run b', 'run b', 'cleanup b', 'cleanup a']);
  assert.ok(u.lines.includes('==> Step "b" failed'));
  assert.ok(u.lines.includes('==> Incorrect input: "x"'));
});

test('-on-error=ask: a retry that succeeds goes on', async () => {
  const s: State = { log: [] };
  await runSteps([step('a', 1), step('b')], s, ctx(ui(['r']), { onError: 'ask' }));
  assert.deepEqual(s.log, ['run a', 'run a', 'run b', 'cleanup b', 'cleanup a']);
});

test('-on-error=ask: abort leaves what was made', async () => {
  const s: State = { log: [] };
  await assert.rejects(runSteps([step('a'), step('b', 1)], s, ctx(ui(['A']), { onError: 'ask' })));
  assert.deepEqual(s.log, ['run a', 'run b', 'leave b', 'leave a']);
});

test('-on-error=ask with no one to answer cleans up and says why', async () => {
  const s: State = { log: [] };
  const u = ui();
  await assert.rejects(runSteps([step('a', 1)], s, ctx(u, { onError: 'ask' })));
  assert.deepEqual(s.log, ['run a', 'cleanup a']);
  assert.ok(
    u.lines.some((l) =>
      /Cannot ask what to do \(cannot ask for input: stdin is not a terminal\); cleaning up/.test(l),
    ),
  );
});
