import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ui } from '@kiln/plugin-sdk';
import type { VmProcess } from '../driver.js';
import type { QemuBuildState } from '../state.js';
import { stepShutdown } from './step-shutdown.js';

const ui: Ui = { say() {}, message() {}, error() {}, progress() {}, ask: async () => '' };

function vm(exitsAfterMs: number | undefined) {
  let done!: () => void;
  let reason: string | undefined;
  const killed: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => {
    done = () => {
      reason ??= 'QEMU exited with status 0';
      r({ code: 0, signal: null });
    };
  });
  const p: VmProcess = {
    pid: 1,
    exited,
    exitReason: () => reason,
    async kill() {
      killed.push('kill');
      done();
    },
    release() {},
  };
  return {
    p,
    killed,
    powerOff: () => (exitsAfterMs === undefined ? undefined : setTimeout(done, exitsAfterMs)),
  };
}

function state(
  v: ReturnType<typeof vm>,
  shutdownTimeoutMs: number,
  command = 'poweroff',
  exec: () => Promise<number> = async () => 2300218,
) {
  const commands: string[] = [];
  let closed = false;
  const s = {
    config: { shutdownCommand: command, shutdownTimeoutMs },
    vm: v.p,
    log() {},
    communicator: {
      async exec(c: { command: string }) {
        commands.push(c.command);
        v.powerOff();
        return exec();
      },
      close() {
        closed = true;
      },
    },
  } as unknown as QemuBuildState;
  return { s, commands, closed: () => closed };
}

describe('shutdown step', () => {
  it('runs shutdown_command and waits for QEMU to exit by itself', async () => {
    const v = vm(50);
    const { s, commands } = state(v, 5000);
    await stepShutdown.run(s, { ui, signal: new AbortController().signal });
    assert.deepEqual(commands, ['poweroff']);
    assert.deepEqual(v.killed, []);
  });

  it('stops waiting for the command once QEMU has exited (its end was never seen)', async () => {
    const v = vm(50);
    const { s, commands, closed } = state(v, 5000, 'poweroff', () => new Promise<number>(() => {}));
    await stepShutdown.run(s, { ui, signal: new AbortController().signal });
    assert.deepEqual(commands, ['poweroff']);
    assert.deepEqual(v.killed, []);
    assert.equal(closed(), true);
  });

  it('kills QEMU and fails after shutdown_timeout', async () => {
    const v = vm(undefined);
    const { s } = state(v, 100);
    await assert.rejects(
      stepShutdown.run(s, { ui, signal: new AbortController().signal }),
      /Timeout while waiting for machine to shut down/,
    );
    assert.deepEqual(v.killed, ['kill']);
  });

  it('without a shutdown_command, stops the VM', async () => {
    const v = vm(undefined);
    const { s, commands } = state(v, 100, '');
    await stepShutdown.run(s, { ui, signal: new AbortController().signal });
    assert.deepEqual(commands, []);
    assert.deepEqual(v.killed, ['kill']);
  });
});
