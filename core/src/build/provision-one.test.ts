import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ui } from '@kiln/plugin-sdk';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import { prov } from './fakes.test-helper.js';
import { noCommunicator } from './no-communicator.js';
import { provisionOne } from './provision-one.js';
import type { ReadyProvisioner } from './types.js';

function ready(
  provision: (signal: AbortSignal) => Promise<void>,
  extra: Parameters<typeof prov>[1] = {},
): ReadyProvisioner {
  const prepared = { provision: (ctx: { signal: AbortSignal }) => provision(ctx.signal) };
  return {
    config: prov({}, { displayName: 'shell', ...extra }),
    component: { schema: { attributes: {} }, prepare: async () => prepared },
    prepared,
  };
}

const base = (ui: Ui, p: ReadyProvisioner) => ({
  ui,
  signal: new AbortController().signal,
  sessionId: 's',
  communicator: noCommunicator,
  generatedData: {},
  debug: false,
  prepared: p.prepared,
  retryDelayMs: 1,
});

test('-debug asks before the provisioner runs', async () => {
  const ui = new RecordingUi(['']);
  let asked: string[] = [];
  const p = ready(async () => {
    asked = [...ui.questions];
  });
  await provisionOne(p, { ...base(ui, p), debug: true });
  assert.deepEqual(asked, ['Pausing before the next provisioner (shell). Press enter to continue.']);
});

test('pause_before waits and says so', async () => {
  const ui = new RecordingUi(['']);
  const p = ready(async () => {}, { pauseBeforeMs: 30 });
  const start = Date.now();
  await provisionOne(p, base(ui, p));
  assert.ok(Date.now() - start >= 25);
  assert.deepEqual(ui.lines, ['==> Pausing 30 milliseconds before the next provisioner...']);
});

test('timeout cancels the provisioner and fails it', async () => {
  const ui = new RecordingUi(['']);
  const p = ready(
    (signal) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      }),
    { timeoutMs: 40 },
  );
  await assert.rejects(provisionOne(p, base(ui, p)), /provisioner timed out after 40 milliseconds/);
  assert.deepEqual(ui.lines, [
    '==> Setting a 40 milliseconds timeout for the next provisioner...',
    '!!! Cancelling provisioner after a timeout...',
  ]);
});

test('max_retries gives up after the last attempt with the last error', async () => {
  const ui = new RecordingUi(['']);
  let n = 0;
  const p = ready(
    async () => {
      n++;
      throw new Error(`attempt ${n}`);
    },
    { maxRetries: 1 },
  );
  await assert.rejects(provisionOne(p, base(ui, p)), /attempt 2/);
  assert.equal(n, 2);
  assert.deepEqual(ui.lines, ['!!! shell failed: attempt 1; retrying...']);
});
