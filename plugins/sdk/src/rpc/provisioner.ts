import type { v1 } from '@kiln/proto';
import type { PreparedProvisioner, Provisioner } from '../component.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { parseJsonObject } from './convert.js';
import { InstanceStore } from './instances.js';
import { prepareByType } from './prepare-result.js';
import { type RemoteSpec, remoteBase, remotePreparer, withRegistrations } from './remote-component.js';
import { type ServerContext, unaryHandler } from './server-call.js';
import { type CoreLink, type SessionBinder, withSessionUi } from './sessions.js';

/** Serves the Provisioner service for a plugin's provisioners. */
export function provisionerServer<C>(
  sctx: ServerContext<C>,
  provisioners: Record<string, Provisioner>,
  core: () => CoreLink,
): v1.ProvisionerHandlers {
  const store = new InstanceStore<PreparedProvisioner>();
  return {
    Prepare: unaryHandler(sctx, async (req: v1.ProvisionerPrepareRequest__Output) => {
      const { prepared: _, ...res } = await prepareByType(
        provisioners,
        'provisioner',
        store,
        req,
        (p, c, b) => p.prepare(c, b),
      );
      return res;
    }),
    Provision: unaryHandler(sctx, async (req: v1.ProvisionRequest__Output, _caller, signal) => {
      const prepared = store.get(req.instanceId);
      const link = core();
      await withSessionUi(link, req.sessionId, (ui) =>
        prepared.provision({
          ui,
          signal,
          sessionId: req.sessionId,
          communicator: link.communicator(req.communicatorId),
          generatedData: parseJsonObject(req.generatedDataJson),
        }),
      );
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
  const prepareIn = remotePreparer(ctx, client.Prepare.bind(client), spec.type);
  return {
    ...remoteBase(spec),
    async prepare(config, build) {
      const { response: res, warnings } = await prepareIn(config, build);
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
