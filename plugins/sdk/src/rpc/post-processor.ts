import type { v1 } from '@kiln/proto';
import type { PostProcessor, PreparedPostProcessor } from '../component.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { artifactFromProto, artifactToProto } from './convert.js';
import { InstanceStore } from './instances.js';
import { prepareByType } from './prepare-result.js';
import { type RemoteSpec, remoteBase, remotePreparer, withRegistrations } from './remote-component.js';
import { type ServerContext, unaryHandler } from './server-call.js';
import { type CoreLink, type SessionBinder, withSessionUi } from './sessions.js';

/** Serves the PostProcessor service for a plugin's post-processors. */
export function postProcessorServer<C>(
  sctx: ServerContext<C>,
  postProcessors: Record<string, PostProcessor>,
  core: () => CoreLink,
): v1.PostProcessorHandlers {
  const store = new InstanceStore<PreparedPostProcessor & { type: string }>();
  return {
    Configure: unaryHandler(sctx, async (req: v1.PostProcessorConfigureRequest__Output) => {
      const { prepared: _, ...res } = await prepareByType(
        postProcessors,
        'post-processor',
        store,
        req,
        async (pp, config, build) => Object.assign(await pp.configure(config, build), { type: req.type }),
      );
      return res;
    }),
    PostProcess: unaryHandler(sctx, async (req: v1.PostProcessRequest__Output, _caller, signal) => {
      const prepared = store.get(req.instanceId);
      const input = artifactFromProto(req.artifact);
      if (!input) throw new Error('PostProcess needs an artifact');
      const r = await withSessionUi(core(), req.sessionId, (ui) =>
        prepared.postProcess({ ui, signal, sessionId: req.sessionId }, input),
      );
      return {
        artifact: r.artifact
          ? artifactToProto({ producer: { kind: 'post-processor', type: prepared.type }, ...r.artifact })
          : null,
        keep: r.keep,
        forceOverride: r.forceOverride,
      };
    }),
  };
}

/** A PostProcessor whose work happens in a plugin process. */
export function postProcessorClient(
  ctx: ClientContext,
  sessions: SessionBinder,
  spec: RemoteSpec,
): PostProcessor {
  const client = makeClient(services().kiln.plugin.v1.PostProcessor, ctx);
  const prepareIn = remotePreparer(ctx, client.Configure.bind(client), spec.type);
  return {
    ...remoteBase(spec),
    async configure(config, build) {
      const { response: res, warnings } = await prepareIn(config, build);
      return {
        warnings,
        async postProcess(rctx, artifact) {
          const session = sessions.openSession({ ui: rctx.ui });
          return withRegistrations([session], rctx.signal, async () => {
            const out = await unary<v1.PostProcessResponse__Output>(ctx, rctx.signal, (md, o, cb) =>
              client.PostProcess(
                { instanceId: res.instanceId, sessionId: session.id, artifact: artifactToProto(artifact) },
                md,
                o,
                cb,
              ),
            );
            return {
              artifact: artifactFromProto(out.artifact),
              keep: out.keep,
              forceOverride: out.forceOverride,
            };
          });
        },
      };
    },
  };
}
