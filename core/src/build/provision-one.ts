import type { Communicator, PreparedProvisioner, Ui } from '@kiln/plugin-sdk';
import { CancelledError } from '@kiln/plugin-sdk';
import { formatDuration } from '../ui/duration.js';
import { sleep } from './sleep.js';
import type { ReadyProvisioner } from './types.js';

/** What one provisioner run needs besides the provisioner. */
export interface ProvisionRun {
  ui: Ui;
  signal: AbortSignal;
  sessionId: string;
  communicator: Communicator;
  generatedData: Record<string, unknown>;
  debug: boolean;
  /** The provisioner prepared for this run (re-prepared with generated data when there is any). */
  prepared: PreparedProvisioner;
  /** Delay between retries; Packer-like default. */
  retryDelayMs?: number;
}

/**
 * Runs one provisioner as Packer's hook does: -debug pause, pause_before,
 * timeout, then max_retries attempts; with continue_on_error, a failure
 * after the last attempt is reported and the build goes on (never a cancel).
 * Resolves false when it failed and the build goes on.
 */
export async function provisionOne(p: ReadyProvisioner, run: ProvisionRun): Promise<boolean> {
  if (!p.config.continueOnError) {
    await provisionWithRetries(p, run);
    return true;
  }
  try {
    await provisionWithRetries(p, run);
    return true;
  } catch (error) {
    if (run.signal.aborted || error instanceof CancelledError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    run.ui.say(
      `Warning: Provisioner failed with ${JSON.stringify(message)}, but continue_on_error is set; continuing the build.`,
    );
  }
  return false;
}

async function provisionWithRetries(p: ReadyProvisioner, run: ProvisionRun): Promise<void> {
  const { ui, signal } = run;
  if (run.debug) {
    await ui.ask(`Pausing before the next provisioner (${p.config.displayName}). Press enter to continue.`);
  }
  if (p.config.pauseBeforeMs > 0) {
    ui.say(`Pausing ${formatDuration(p.config.pauseBeforeMs)} before the next provisioner...`);
    await sleep(p.config.pauseBeforeMs, signal);
  }
  const attempts = Math.max(0, p.config.maxRetries) + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await withTimeout(p, run);
      return;
    } catch (error) {
      if (signal.aborted) throw new CancelledError();
      if (attempt >= attempts) throw error;
      ui.error(`${p.config.displayName} failed: ${(error as Error).message ?? error}; retrying...`);
      await sleep(run.retryDelayMs ?? 2000, signal);
    }
  }
}

async function withTimeout(p: ReadyProvisioner, run: ProvisionRun): Promise<void> {
  const ms = p.config.timeoutMs;
  const controller = new AbortController();
  const onAbort = () => controller.abort(run.signal.reason);
  run.signal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  if (ms > 0) {
    run.ui.say(`Setting a ${formatDuration(ms)} timeout for the next provisioner...`);
    timer = setTimeout(() => {
      timedOut = true;
      run.ui.error('Cancelling provisioner after a timeout...');
      controller.abort();
    }, ms);
  }
  try {
    await run.prepared.provision({
      ui: run.ui,
      signal: controller.signal,
      sessionId: run.sessionId,
      communicator: run.communicator,
      generatedData: run.generatedData,
    });
    if (timedOut) throw new Error(`provisioner timed out after ${formatDuration(ms)}`);
  } catch (error) {
    if (timedOut) throw new Error(`provisioner timed out after ${formatDuration(ms)}`);
    throw error;
  } finally {
    clearTimeout(timer);
    run.signal.removeEventListener('abort', onAbort);
  }
}
