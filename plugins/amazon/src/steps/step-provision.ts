import type { Step } from '@kiln/plugin-sdk';
import type { EbsState } from '../state.js';

/** Runs the template's provisioners through the communicator. */
export const stepProvision: Step<EbsState> = {
  name: 'provision',
  async run(state, { signal }) {
    await state.hook.run('provision', state.communicator, { ...state.generatedData }, signal);
  },
};
