import type { Step } from '@kiln/plugin-sdk';
import { checkCredentials } from '../sdk-driver.js';
import type { GceState } from '../state.js';

/** Checks the credentials before anything is made; the error says which were tried. */
export const stepCheckCredentials: Step<GceState> = {
  name: 'check-credentials',
  async run(state, { ui }) {
    const source = await checkCredentials(state.config.access);
    ui.message(`Using credentials from ${source}`);
  },
};
