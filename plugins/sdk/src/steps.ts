import type { Ui } from './ui.js';

/** What every step gets besides the state. */
export interface StepContext {
  ui: Ui;
  /** Aborted on cancel (Ctrl-C, Shutdown, a cancelled gRPC call). */
  signal: AbortSignal;
}

/**
 * One small piece of a builder: `run` does one thing and records what it made
 * in the typed state; `cleanup` undoes it. Cleanups run in reverse order
 * after success, failure and cancel, for every step whose run was started.
 */
export interface Step<S> {
  readonly name: string;
  run(state: S, ctx: StepContext): Promise<void>;
  cleanup?(state: S, ctx: StepContext): Promise<void>;
}

/** Options of {@link runSteps}. */
export interface RunStepsOptions {
  /** Called before each step (e.g. -debug's "press enter to continue"). */
  beforeStep?(name: string): Promise<void>;
  /**
   * Called when a step failed, before cleanups run; resolve false to skip the
   * cleanups (-on-error=abort).
   */
  onError?(error: unknown, step: string): Promise<boolean>;
}

/** Thrown by runSteps when the signal was aborted. */
export class CancelledError extends Error {
  constructor(message = 'Build was cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}

/**
 * Runs steps in order, then unwinds the cleanups of every started step in
 * reverse, whatever happened. Cleanup errors are reported on the Ui and do
 * not hide the original error. Rejects with the first step error, or a
 * CancelledError when the signal aborted.
 */
export async function runSteps<S>(
  steps: readonly Step<S>[],
  state: S,
  ctx: StepContext,
  options: RunStepsOptions = {},
): Promise<void> {
  const started: Step<S>[] = [];
  let failure: unknown;
  let failedStep: string | undefined;
  try {
    for (const step of steps) {
      if (ctx.signal.aborted) throw new CancelledError();
      await options.beforeStep?.(step.name);
      if (ctx.signal.aborted) throw new CancelledError();
      started.push(step);
      await step.run(state, ctx);
    }
    if (ctx.signal.aborted) throw new CancelledError();
  } catch (error) {
    failure = ctx.signal.aborted && !(error instanceof CancelledError) ? new CancelledError() : error;
    failedStep = started.at(-1)?.name;
  }
  let runCleanups = true;
  if (failure !== undefined && !(failure instanceof CancelledError) && options.onError) {
    runCleanups = await options.onError(failure, failedStep ?? '');
  }
  if (runCleanups) {
    // Cleanups must run even after cancel, so they get a live signal.
    const cleanupCtx: StepContext = { ui: ctx.ui, signal: new AbortController().signal };
    for (const step of started.reverse()) {
      if (!step.cleanup) continue;
      try {
        await step.cleanup(state, cleanupCtx);
      } catch (error) {
        ctx.ui.error(
          `Cleanup of step "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
  if (failure !== undefined) throw failure;
}
