import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProvisionContext } from '@kiln/plugin-sdk';
import { RecordingUi, testBuildContext } from '@kiln/plugin-sdk/testing';
import { breakpointProvisioner } from './breakpoint.js';

function ctx(ui: RecordingUi, signal = new AbortController().signal): ProvisionContext {
  return { ui, signal, sessionId: 's', generatedData: {} } as unknown as ProvisionContext;
}

describe('breakpoint provisioner', () => {
  it('pauses until the user answers', async () => {
    const ui = new RecordingUi(['']);
    const p = await breakpointProvisioner.prepare({ note: 'look around' }, testBuildContext());
    await p.provision(ctx(ui));
    assert.deepEqual(ui.texts('say'), ['Pausing at breakpoint provisioner with note "look around".']);
    assert.deepEqual(ui.questions, ['Press enter to continue.']);
  });

  it('is skipped when disabled', async () => {
    const ui = new RecordingUi();
    const p = await breakpointProvisioner.prepare({ disable: true }, testBuildContext());
    await p.provision(ctx(ui));
    assert.deepEqual(ui.texts('say'), ['Breakpoint provisioner disabled; continuing...']);
    assert.deepEqual(ui.questions, []);
  });

  it('fails clearly without a terminal and stops when cancelled', async () => {
    const p = await breakpointProvisioner.prepare({}, testBuildContext());
    await assert.rejects(p.provision(ctx(new RecordingUi())), /Error asking for input: .*needs a terminal/);
    const waiting = {
      ...new RecordingUi(),
      say() {},
      ask: () => new Promise<string>(() => {}),
    } as unknown as RecordingUi;
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(p.provision(ctx(waiting, ac.signal)));
  });
});
