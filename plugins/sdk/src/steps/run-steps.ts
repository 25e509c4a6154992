import { askAfterFailure, debugPause } from './policy-prompts.js';
import {
  CancelledError,
  type CleanupContext,
  type Step,
  type StepContext,
  type StepRunContext,
} from './step.js';

/** Options of {@link runSteps}. */
export interface RunStepsOptions {
  /**
   * Flags `kiln cleanup` needs besides -run to find what an aborted build
   * left (e.g. ["-region eu-west-1"]); shown in the message that says how to
   * remove it.
   */
  cleanupFlags?: string[];
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs steps in order under the build's policy, as Packer's step runner
 * does, then unwinds the cleanups of every started step in reverse:
 *
 * - `-debug` pauses after the run of each step and before each cleanup
 *   ("Pausing after run of step 'x'. Press enter to continue.");
 * - `-on-error=abort` skips the cleanups after a failure or a cancel, calls
 *   each step's `leave`, and says how to remove what is left;
 *   `run-cleanup-provisioner` does the same, except that the step marked
 *   `runsErrorCleanupProvisioner` (the provision step) is cleaned up;
 * - `-on-error=ask` asks after a failed step whether to clean up, abort or
 *   retry the step.
 *
 * Cleanup errors are reported on the Ui and do not hide the original error.
 * Rejects with the first step error, or a CancelledError when the signal
 * aborted.
 */
export async function runSteps<S>(
  steps: readonly Step<S>[],
  state: S,
  ctx: StepRunContext,
  options: RunStepsOptions = {},
): Promise<void> {
  const { ui, signal, build } = ctx;
  const stepCtx: StepContext = { ui, signal };
  const started: Step<S>[] = [];
  const completed = new Set<Step<S>>();
  let failure: unknown;
  let abortedByUser = false;
  try {
    for (const step of steps) {
      if (signal.aborted) throw new CancelledError();
      started.push(step);
      for (;;) {
        try {
          await step.run(state, stepCtx);
          break;
        } catch (error) {
          if (signal.aborted || error instanceof CancelledError || build.onError !== 'ask') throw error;
          const answer = await askAfterFailure(ui, step.name, error, signal);
          if (answer === 'retry') continue;
          abortedByUser = answer === 'abort';
          throw error;
        }
      }
      completed.add(step);
      if (build.debug) await debugPause(ui, 'after run of', step.name, signal);
    }
    if (signal.aborted) throw new CancelledError();
  } catch (error) {
    failure = signal.aborted && !(error instanceof CancelledError) ? new CancelledError() : error;
  }
  const leave =
    failure !== undefined &&
    started.length > 0 &&
    (abortedByUser || build.onError === 'abort' || build.onError === 'run-cleanup-provisioner');
  // Cleanups must run even after cancel, so they get a live signal.
  const cleanupCtx: CleanupContext = {
    ui,
    signal: new AbortController().signal,
    get failure() {
      return failure;
    },
    replaceFailure(error) {
      failure = error;
    },
  };
  if (leave) {
    const runCleanupProvisioner = !abortedByUser && build.onError === 'run-cleanup-provisioner';
    await leaveAll(started.reverse(), state, cleanupCtx, runCleanupProvisioner);
    const flags = [...(options.cleanupFlags ?? []), `-run ${build.runId}`, '-force'].join(' ');
    ui.error(`What this build made was left in place. Remove it with: kiln cleanup ${flags}`);
  } else {
    for (const step of started.reverse()) {
      if (build.debug && completed.has(step) && !signal.aborted)
        await debugPause(ui, 'before cleanup of', step.name, signal);
      await cleanupOne(step, state, cleanupCtx);
    }
  }
  if (failure !== undefined) throw failure;
}

async function cleanupOne<S>(step: Step<S>, state: S, ctx: CleanupContext): Promise<void> {
  try {
    await step.cleanup?.(state, ctx);
  } catch (error) {
    ctx.ui.error(`Cleanup of step "${step.name}" failed: ${messageOf(error)}`);
  }
}

/**
 * -on-error=abort: Packer's messages, then each step's `leave` instead of its
 * cleanup. With run-cleanup-provisioner, the step that runs the
 * error-cleanup provisioner is cleaned up in its place among them.
 */
async function leaveAll<S>(
  reversed: Step<S>[],
  state: S,
  ctx: CleanupContext,
  runCleanupProvisioner: boolean,
): Promise<void> {
  const interrupted = ctx.failure instanceof CancelledError;
  for (const [i, step] of reversed.entries()) {
    if (i === 0)
      ctx.ui.error(interrupted ? 'Interrupted, aborting...' : `Step "${step.name}" failed, aborting...`);
    if (runCleanupProvisioner && step.runsErrorCleanupProvisioner) await cleanupOne(step, state, ctx);
    else if (i > 0) ctx.ui.error(`aborted: skipping cleanup of step "${step.name}"`);
  }
  for (const step of reversed) {
    if (runCleanupProvisioner && step.runsErrorCleanupProvisioner) continue;
    try {
      await step.leave?.(state, ctx);
    } catch (error) {
      ctx.ui.error(`Step "${step.name}" could not leave what it made: ${messageOf(error)}`);
    }
  }
}
