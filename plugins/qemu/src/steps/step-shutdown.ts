import type { Step } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';

/** Runs shutdown_command and waits for QEMU to exit (shutdown_timeout, then kill); without one, stops the VM. */
export const stepShutdown: Step<QemuBuildState> = {
  name: 'shutdown',
  async run(state, { ui, signal }) {
    const { config } = state;
    const vm = state.vm;
    if (!vm) return;
    if (!config.shutdownCommand || !state.communicator) {
      ui.say('Halting the virtual machine...');
      await vm.kill();
      return;
    }
    ui.say('Gracefully halting virtual machine...');
    const command = state.communicator.exec({ command: config.shutdownCommand }, signal).catch((e: Error) => {
      if (signal.aborted) throw e;
      state.log(`[DEBUG] shutdown command: ${e.message}`);
      return 0;
    });
    // Once QEMU has exited the command is over, whether or not the
    // communicator has noticed its connection go yet.
    const first = await Promise.race([command, vm.exited.then(() => 'exited' as const)]);
    if (first === 'exited') {
      command.catch(() => {});
      state.log('[INFO] QEMU exited while the shutdown command ran');
    } else state.log(`[INFO] shutdown command exited with ${first}`);
    state.communicator.close();
    ui.say('Waiting for shutdown...');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), config.shutdownTimeoutMs);
    });
    const onAbort = () => vm.kill();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await Promise.race([vm.exited.then(() => 'exited' as const), timedOut]);
      if (result === 'timeout') {
        await vm.kill();
        throw new Error('Timeout while waiting for machine to shut down.');
      }
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
    state.vnc?.close();
    state.vnc = undefined;
  },
};
