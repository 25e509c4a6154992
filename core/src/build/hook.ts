import type { Communicator, Hook, PreparedProvisioner, Ui } from '@kiln/plugin-sdk';
import { CancelledError, HOOK_CLEANUP_PROVISION, HOOK_PROVISION } from '@kiln/plugin-sdk';
import type { BuildCache } from '../cache/build-cache.js';
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
 * order against the builder's communicator; "cleanup-provision" (which the
 * provision step's cleanup calls after a failed build, unless -on-error
 * leaves the machine as it is) runs the error-cleanup-provisioner, if the
 * build has one. With a build cache (-cache), provisioners the machine was
 * restored with are skipped and the state after each one that ran is saved.
 */
export function provisionHook(
  build: PreparedBuild,
  ui: Ui,
  sessionId: string,
  state: HookState,
  cache?: BuildCache,
): Hook {
  return {
    async run(name, communicator, generatedData, signal, machine) {
      const comm = communicator ?? noCommunicator;
      if (name === HOOK_PROVISION) {
        state.generatedData = generatedData ?? {};
        // With -cache: skip what the machine already holds, save after each
        // step that succeeded (not after one that failed under continue_on_error,
        // nor after any later step).
        const restored = cache ? cache.restored(machine) : 0;
        let saving = cache !== undefined && machine !== undefined;
        for (const [i, p] of build.provisioners.entries()) {
          if (i < restored) continue;
          if (signal.aborted) throw new CancelledError();
          const ok = await runProvisioner(build, p, ui, sessionId, comm, state.generatedData, signal);
          cache?.ran(i);
          saving &&= ok;
          if (saving) await cache!.save(machine!, i, signal);
        }
      } else if (name === HOOK_CLEANUP_PROVISION && build.errorCleanup) {
        await runProvisioner(build, build.errorCleanup, ui, sessionId, comm, generatedData ?? {}, signal);
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
): Promise<boolean> {
  let prepared: PreparedProvisioner = p.prepared;
  if (needsGenerated(p.config, generatedData, (g) => provisionerConfig(build.plan, p.config, g))) {
    prepared = await p.component.prepare(
      provisionerConfig(build.plan, p.config, generatedData),
      build.context,
    );
  }
  return provisionOne(p, {
    ui,
    signal,
    sessionId,
    communicator,
    generatedData,
    debug: build.context.debug,
    prepared,
  });
}
