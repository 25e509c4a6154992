import type { Step } from '@kiln/plugin-sdk';
import { gceError } from '../errors.js';
import type { GceState } from '../state.js';
import { waitFor, waitOperation } from '../wait.js';

/** Stops the instance so that its disk can be imaged, and waits until it is TERMINATED. */
export const stepStopInstance: Step<GceState> = {
  name: 'stop-instance',
  async run(state, { ui, signal }) {
    const { config, gce } = state;
    const name = state.instanceName ?? '';
    ui.say('Stopping instance...');
    const timeout = { timeoutMs: config.stateTimeoutMs, signal };
    try {
      const op = await gce.stopInstance(config.zone, name);
      await waitOperation(gce, op, { ...timeout, what: 'instance stop' });
      await waitFor(
        async () => {
          const i = await gce.getInstance(config.zone, name);
          return !i || String(i.status) === 'TERMINATED' ? true : undefined;
        },
        { ...timeout, what: `instance ${name} to stop` },
      );
    } catch (e) {
      throw gceError('Error stopping instance', e);
    }
    ui.message('Instance has been stopped!');
  },
};
