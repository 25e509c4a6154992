import type { v1 } from '@kiln/proto';
import type { PreparedProvisioner, Provisioner } from '../component.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { buildContextFromProto, parseJsonObject } from './convert.js';
import { InstanceStore } from './instances.js';
import { prepareInstance, unknownComponent } from './prepare-result.js';
import { prepareRemote, type RemoteSpec, remoteBase, withRegistrations } from './remote-component.js';
import { type ServerContext, unaryHandler } from './server-call.js';
import type { CoreLink, SessionBinder } from './sessions.js';

/** Serves the Provisioner service for a plugin's provisioners. */
export function provisionerServer<C>(
  sctx: ServerContext<C>,
  provisioners: Record<string, Provisioner>,
  core: () => CoreLink,
): v1.ProvisionerHandlers {
  const store = new InstanceStore<PreparedProvisioner>();
  return {
    Prepare: unaryHandler(sctx, async (req: v1.ProvisionerPrepareRequest__Output) => {
      const p = provisioners[req.type];
      if (!p) return { instanceId: '', diagnostics: [unknownComponent('provisioner', req.type)] };
      const { prepared: _, ...res } = await prepareInstance(store, () =>
        p.prepare(parseJsonObject(req.configJson), buildContextFromProto(req.context)),
      );
      return res;
    }),
    Provision: unaryHandler(sctx, async (req: v1.ProvisionRequest__Output, _caller, signal) => {
      const prepared = store.get(req.instanceId);
      const link = core();
      const ui = link.ui(req.sessionId);
      try {
        await prepared.provision({
          ui,
          signal,
          sessionId: req.sessionId,
          communicator: link.communicator(req.communicatorId),
          generatedData: parseJsonObject(req.generatedDataJson),
        });
      } finally {
        await ui.flush();
      }
      return {};
    }),
  };
}

/** A Provisioner whose work happens in a plugin process; its communicator is served by core's proxy. */
export function provisionerClient(
  ctx: ClientContext,
  sessions: SessionBinder,
  spec: RemoteSpec,
): Provisioner {
  const client = makeClient(services().kiln.plugin.v1.Provisioner, ctx);
  return {
    ...remoteBase(spec),
    async prepare(config, build) {
      const { response: res, warnings } = await prepareRemote<v1.ProvisionerPrepareResponse__Output>(
        ctx,
        client.Prepare.bind(client),
        spec.type,
        config,
        build,
      );
      return {
        warnings,
        async provision(pctx) {
          const session = sessions.openSession({ ui: pctx.ui });
          const comm = sessions.registerCommunicator(pctx.communicator);
          await withRegistrations([session, comm], pctx.signal, () =>
            unary(ctx, pctx.signal, (md, o, cb) =>
              client.Provision(
                {
                  instanceId: res.instanceId,
                  sessionId: session.id,
                  communicatorId: comm.id,
                  generatedDataJson: JSON.stringify(pctx.generatedData ?? {}),
                },
                md,
                o,
                cb,
              ),
            ),
          );
        },
      };
    },
  };
}
