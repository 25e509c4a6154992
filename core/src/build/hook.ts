import type { Communicator, Hook, PreparedProvisioner, Ui } from '@kiln/plugin-sdk';
import { CancelledError } from '@kiln/plugin-sdk';
import { needsGenerated } from './needs-generated.js';
import { noCommunicator } from './no-communicator.js';
import { provisionerConfig } from './prepare.js';
import { provisionOne } from './provision-one.js';
import type { PreparedBuild, ReadyProvisioner } from './types.js';

/** What the hook remembers for the rest of the build (post-processors see the generated data). */
export interface HookState {
  generatedData: Record<string, unknown>;
}

/**
 * The Hook a builder calls: "provision" runs the build's provisioners in
 * order against the builder's communicator; on failure it runs the
 * error-cleanup-provisioner (unless -on-error=abort) and rethrows.
 */
export function provisionHook(build: PreparedBuild, ui: Ui, sessionId: string, state: HookState): Hook {
  return {
    async run(name, communicator, generatedData, signal) {
      if (name !== 'provision') return;
      state.generatedData = generatedData ?? {};
      const comm = communicator ?? noCommunicator;
      try {
        for (const p of build.provisioners) {
          if (signal.aborted) throw new CancelledError();
          await runProvisioner(build, p, ui, sessionId, comm, state.generatedData, signal);
        }
      } catch (error) {
        if (signal.aborted || error instanceof CancelledError) throw error;
        if (build.errorCleanup && build.context.onError !== 'abort') {
          ui.say('Provisioning step had errors: Running the cleanup provisioner, if present...');
          try {
            await runProvisioner(build, build.errorCleanup, ui, sessionId, comm, state.generatedData, signal);
          } catch (cleanupError) {
            ui.error(`Error running the cleanup provisioner: ${(cleanupError as Error).message}`);
          }
        }
        throw error;
      }
    },
  };
}

async function runProvisioner(
  build: PreparedBuild,
  p: ReadyProvisioner,
  ui: Ui,
  sessionId: string,
  communicator: Communicator,
  generatedData: Record<string, unknown>,
  signal: AbortSignal,
): Promise<void> {
  let prepared: PreparedProvisioner = p.prepared;
  if (needsGenerated(p.config, generatedData, (g) => provisionerConfig(build.plan, p.config, g))) {
    prepared = await p.component.prepare(
      provisionerConfig(build.plan, p.config, generatedData),
      build.context,
    );
  }
  await provisionOne(p, {
    ui,
    signal,
    sessionId,
    communicator,
    generatedData,
    debug: build.context.debug,
    prepared,
  });
}
