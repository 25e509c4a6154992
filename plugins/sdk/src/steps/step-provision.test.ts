import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOOK_CLEANUP_PROVISION, type Hook } from '../component.js';
import { RecordingUi } from '../testing/recording-ui.js';
import { runSteps } from './run-steps.js';
import { type BuildPolicy, CancelledError, type Step } from './step.js';
import { type ProvisionState, stepProvision } from './step-provision.js';

/** The shared provision step under each build policy: when the error-cleanup provisioner runs. */

interface State extends ProvisionState {
  log: string[];
}

const MESSAGE = '==> Provisioning step had errors: Running the cleanup provisioner, if present...';

/** A hook that logs each call; `fail` names the hooks that throw. */
function hook(log: string[], fail: string[] = [], onProvision?: () => void): Hook {
  return {
    async run(name, _comm, data) {
      log.push(`hook ${name} ${JSON.stringify(data)}`);
      if (name === 'provision') onProvision?.();
      if (fail.includes(name)) throw new Error(`${name} failed`);
    },
  };
}

const machine: Step<State> = {
  name: 'machine',
  async run(s) {
    s.log.push('run machine');
  },
  async cleanup(s) {
    s.log.push('cleanup machine');
  },
  async leave(s) {
    s.log.push('leave machine');
  },
};

const later = (fail: boolean): Step<State> => ({
  name: 'commit',
  async run(s) {
    s.log.push('run commit');
    if (fail) throw new Error('commit failed');
  },
  async cleanup(s) {
    s.log.push('cleanup commit');
  },
});

function setup(fail: string[] = [], onProvision?: () => void) {
  const log: string[] = [];
  const state: State = { log, hook: hook(log, fail, onProvision), generatedData: { Id: 'x' } };
  return { log, state, ui: new RecordingUi() };
}

const ctx = (ui: RecordingUi, p: Partial<BuildPolicy> = {}, signal = new AbortController().signal) => ({
  ui,
  signal,
  build: { debug: false, onError: 'cleanup', runId: 'r1', ...p } satisfies BuildPolicy,
});

test('a failing provisioner: the cleanup provisioner runs in the provision cleanup, before the machine is removed', async () => {
  const { log, state, ui } = setup(['provision']);
  await assert.rejects(
    runSteps([machine, stepProvision<State>()], state, ctx(ui)),
    /^Error: provision failed$/,
  );
  assert.deepEqual(log, [
    'run machine',
    'hook provision {"Id":"x"}',
    `hook ${HOOK_CLEANUP_PROVISION} {"Id":"x"}`,
    'cleanup machine',
  ]);
  assert.deepEqual(ui.lines, [MESSAGE]);
});

test('a step after provisioning fails: its cleanup, then the cleanup provisioner, then the machine', async () => {
  const { log, state, ui } = setup();
  await assert.rejects(
    runSteps([machine, stepProvision<State>(), later(true)], state, ctx(ui)),
    /commit failed/,
  );
  assert.deepEqual(log, [
    'run machine',
    'hook provision {"Id":"x"}',
    'run commit',
    'cleanup commit',
    `hook ${HOOK_CLEANUP_PROVISION} {"Id":"x"}`,
    'cleanup machine',
  ]);
});

test('after success, or a step that failed before provisioning, no cleanup provisioner', async () => {
  const ok = setup();
  await runSteps([machine, stepProvision<State>(), later(false)], ok.state, ctx(ok.ui));
  assert.ok(!ok.log.some((l) => l.includes(HOOK_CLEANUP_PROVISION)), ok.log.join('\n'));
  assert.deepEqual(ok.ui.lines, []);
  const early = setup();
  const failing: Step<State> = { name: 'pull', run: () => Promise.reject(new Error('pull failed')) };
  await assert.rejects(
    runSteps([failing, stepProvision<State>()], early.state, ctx(early.ui)),
    /pull failed/,
  );
  assert.deepEqual(early.log, []);
});

test('a cancel during provisioning: no cleanup provisioner, the machine is removed (as Packer)', async () => {
  const ac = new AbortController();
  const { log, state, ui } = setup([], () => ac.abort());
  await assert.rejects(
    runSteps([machine, stepProvision<State>()], state, ctx(ui, {}, ac.signal)),
    CancelledError,
  );
  assert.deepEqual(log, ['run machine', 'hook provision {"Id":"x"}', 'cleanup machine']);
  assert.deepEqual(ui.lines, []);
});

test('a failing cleanup provisioner becomes the build error, naming the original one (as Packer)', async () => {
  const { log, state, ui } = setup(['provision', HOOK_CLEANUP_PROVISION]);
  await assert.rejects(
    runSteps([machine, stepProvision<State>()], state, ctx(ui)),
    (e: Error) =>
      e.message ===
      `Cleanup failed: ${HOOK_CLEANUP_PROVISION} failed. Original Provisioning error: provision failed`,
  );
  assert.equal(log.at(-1), 'cleanup machine');
});

test('-on-error=run-cleanup-provisioner: the cleanup provisioner runs, the machine is left', async () => {
  const { log, state, ui } = setup(['provision']);
  await assert.rejects(
    runSteps([machine, stepProvision<State>()], state, ctx(ui, { onError: 'run-cleanup-provisioner' })),
    /provision failed/,
  );
  assert.deepEqual(log, [
    'run machine',
    'hook provision {"Id":"x"}',
    `hook ${HOOK_CLEANUP_PROVISION} {"Id":"x"}`,
    'leave machine',
  ]);
  assert.deepEqual(ui.lines, [
    '!!! Step "provision" failed, aborting...',
    MESSAGE,
    '!!! aborted: skipping cleanup of step "machine"',
    '!!! What this build made was left in place. Remove it with: kiln cleanup -run r1 -force',
  ]);
});

test('-on-error=abort, and [a] at the -on-error=ask prompt: no cleanup provisioner, the machine is left', async () => {
  for (const [policy, answers] of [
    [{ onError: 'abort' }, []],
    [{ onError: 'ask' }, ['a']],
  ] as const) {
    const log: string[] = [];
    const state: State = { log, hook: hook(log, ['provision']), generatedData: {} };
    await assert.rejects(
      runSteps([machine, stepProvision<State>()], state, ctx(new RecordingUi([...answers]), policy)),
    );
    assert.deepEqual(log, ['run machine', 'hook provision {}', 'leave machine'], policy.onError);
  }
});
