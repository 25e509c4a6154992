import type { Communicator } from '../communicator.js';
import type { Hook } from '../component.js';
import type { CacheableMachine } from '../step-cache.js';
import type { Step } from './step.js';

/** What {@link stepProvision} reads from a builder's state. */
export interface ProvisionState {
  readonly hook: Hook;
  /** The communicator the connect step made (none: provisioners that need one fail). */
  readonly communicator?: Communicator | undefined;
  /** Variables the builder generated so far (build.<Name>). */
  readonly generatedData: Record<string, unknown>;
  /** kiln build -cache: the machine the hook may save after each provisioner (and where it started from). */
  readonly machine?: CacheableMachine | undefined;
}

/** Runs the template's provisioners (the "provision" hook) through the communicator. */
export function stepProvision<S extends ProvisionState>(): Step<S> {
  return {
    name: 'provision',
    async run(state, { signal }) {
      await state.hook.run(
        'provision',
        state.communicator,
        { ...state.generatedData },
        signal,
        state.machine,
      );
    },
  };
}
