import type { BuildContext } from '../component.js';
import type { Ui } from '../ui.js';

/** What every step gets besides the state. */
export interface StepContext {
  ui: Ui;
  /** Aborted on cancel (Ctrl-C, Shutdown, a cancelled gRPC call). */
  signal: AbortSignal;
}

/** What a step's cleanup gets: the step context and how the build went. */
export interface CleanupContext extends StepContext {
  /**
   * Why the build is unwinding: undefined after success, the error of the
   * failed step (or of a later cleanup that replaced it), a CancelledError
   * after a cancel.
   */
  readonly failure: unknown;
  /**
   * Makes `error` the build's error in place of `failure`, as Packer's
   * provision step does when the error-cleanup provisioner fails too.
   */
  replaceFailure(error: Error): void;
}

/**
 * One small piece of a builder: `run` does one thing and records what it made
 * in the typed state; `cleanup` undoes it. Cleanups run in reverse order
 * after success, failure and cancel, for every step whose run was started,
 * unless the build policy (-on-error=abort) leaves what the build made.
 */
export interface Step<S> {
  readonly name: string;
  run(state: S, ctx: StepContext): Promise<void>;
  cleanup?(state: S, ctx: CleanupContext): Promise<void>;
  /**
   * Called instead of `cleanup` when the build policy leaves what the step
   * made (-on-error=abort): detach it from whatever would remove it when the
   * plugin exits (a watchdog, an exit hook), so that it outlives the run and
   * `kiln cleanup` can find it.
   */
  leave?(state: S, ctx: StepContext): Promise<void>;
  /**
   * The cleanup runs the template's error-cleanup provisioner (the shared
   * provision step): under -on-error=run-cleanup-provisioner it is the one
   * cleanup that runs while every other step leaves what it made, as
   * Packer's runner does for its StepProvision.
   */
  readonly runsErrorCleanupProvisioner?: boolean;
}

/** What `kiln build -debug` and `-on-error` ask of a builder's steps; part of the BuildContext. */
export type BuildPolicy = Pick<BuildContext, 'debug' | 'onError' | 'runId'>;

/** What {@link runSteps} needs: the step context and the build's policy. */
export interface StepRunContext extends StepContext {
  build: BuildPolicy;
}

/** Thrown by runSteps when the signal was aborted. */
export class CancelledError extends Error {
  constructor(message = 'Build was cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}
