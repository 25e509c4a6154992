import type { Communicator } from '../communicator.js';
import { HOOK_CLEANUP_PROVISION, HOOK_PROVISION, type Hook } from '../component.js';
import type { CacheableMachine } from '../step-cache.js';
import { CancelledError, type Step } from './step.js';

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

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs the template's provisioners (the "provision" hook) through the
 * communicator. Its cleanup runs the error-cleanup provisioner (the
 * "cleanup-provision" hook) when the build failed, as Packer's
 * StepProvision does: after the failing provisioner, or a later step,
 * and before the cleanups of the steps that made the machine, so that it
 * still has a machine to work on. Not after success or a cancel; and with
 * -on-error=abort the runner skips it like every other cleanup.
 */
export function stepProvision<S extends ProvisionState>(): Step<S> {
  return {
    name: 'provision',
    runsErrorCleanupProvisioner: true,
    async run(state, { signal }) {
      await state.hook.run(
        HOOK_PROVISION,
        state.communicator,
        { ...state.generatedData },
        signal,
        state.machine,
      );
    },
    async cleanup(state, ctx) {
      const failure = ctx.failure;
      if (failure === undefined || failure instanceof CancelledError) return;
      ctx.ui.say('Provisioning step had errors: Running the cleanup provisioner, if present...');
      try {
        await state.hook.run(
          HOOK_CLEANUP_PROVISION,
          state.communicator,
          { ...state.generatedData },
          ctx.signal,
        );
      } catch (error) {
        ctx.replaceFailure(
          new Error(
            `Cleanup failed: ${messageOf(error)}. Original Provisioning error: ${messageOf(failure)}`,
          ),
        );
      }
    },
  };
}
