import type { Step } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';

/** Runs the template's provisioners through the communicator. */
export const stepProvision: Step<QemuBuildState> = {
  name: 'provision',
  async run(state, { signal }) {
    await state.hook.run('provision', state.communicator, { ...state.generatedData }, signal);
  },
};
