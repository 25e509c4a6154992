import type { v1 } from '@kiln/proto';
import type { Communicator } from '../communicator.js';
import type { Hook } from '../component.js';
import type { CacheableMachine } from '../step-cache.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { parseJsonObject } from './convert.js';
import { type ServerContext, unaryHandler } from './server-call.js';

/** Makes a local communicator reachable by id through this process's Communicator service. */
export type RegisterCommunicator = (communicator: Communicator) => { id: string; dispose(): void };

/** Makes a cached build's machine reachable by id through this process's StepCache service. */
export type RegisterMachine = (machine: CacheableMachine) => { id: string; dispose(): void };

/**
 * A Hook that calls core's Hook service for one session. The communicator it
 * is given is registered with `register` for the duration of the call, so
 * that core (and provisioners in other plugins) can reach it; so is a cached
 * build's machine, with `registerMachine`, so that core can save its states.
 */
export function hookClient(
  ctx: ClientContext,
  sessionId: string,
  register: RegisterCommunicator,
  registerMachine?: RegisterMachine,
): Hook {
  const client = makeClient(services().kiln.plugin.v1.Hook, ctx);
  return {
    async run(name, communicator, generatedData, signal, machine) {
      const reg = communicator ? register(communicator) : undefined;
      const mreg = machine && registerMachine ? registerMachine(machine) : undefined;
      try {
        await unary(ctx, signal, (md, o, cb) =>
          client.Run(
            {
              sessionId,
              name,
              communicatorId: reg?.id ?? '',
              generatedDataJson: JSON.stringify(generatedData ?? {}),
              restoredKey: machine?.restoredKey ?? '',
              machineId: mreg?.id ?? '',
            },
            md,
            o,
            cb,
          ),
        );
      } finally {
        reg?.dispose();
        mreg?.dispose();
      }
    },
  };
}

/** How core's Hook service finds a session's Hook and the calling plugin's communicator. */
export interface HookRouting<C> {
  hook(caller: C, sessionId: string): Hook | undefined;
  /** A communicator that forwards to the calling plugin's communicator `id`. */
  communicator(caller: C, id: string): Communicator;
  /** The calling plugin's machine `id` of a cached build (its StepCache service saves it). */
  machine?(caller: C, id: string, restoredKey: string | undefined): CacheableMachine | undefined;
}

/** Serves the Hook service. */
export function hookServer<C>(sctx: ServerContext<C>, routing: HookRouting<C>): v1.HookHandlers {
  return {
    Run: unaryHandler(sctx, async (req: v1.HookRunRequest__Output, caller, signal) => {
      const hook = routing.hook(caller, req.sessionId);
      if (!hook) throw new Error(`unknown session ${JSON.stringify(req.sessionId)}`);
      const comm = req.communicatorId ? routing.communicator(caller, req.communicatorId) : undefined;
      const machine =
        req.machineId || req.restoredKey
          ? routing.machine?.(caller, req.machineId, req.restoredKey || undefined)
          : undefined;
      await hook.run(req.name, comm, parseJsonObject(req.generatedDataJson), signal, machine);
      return {};
    }),
  };
}
