import type { v1 } from '@kiln/proto';
import type { PostProcessor, PreparedPostProcessor } from '../component.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { artifactFromProto, artifactToProto, buildContextFromProto, parseJsonObject } from './convert.js';
import { InstanceStore } from './instances.js';
import { prepareInstance, unknownComponent } from './prepare-result.js';
import { prepareRemote, type RemoteSpec, remoteBase, withRegistrations } from './remote-component.js';
import { type ServerContext, unaryHandler } from './server-call.js';
import type { CoreLink, SessionBinder } from './sessions.js';

/** Serves the PostProcessor service for a plugin's post-processors. */
export function postProcessorServer<C>(
  sctx: ServerContext<C>,
  postProcessors: Record<string, PostProcessor>,
  core: () => CoreLink,
): v1.PostProcessorHandlers {
  const store = new InstanceStore<PreparedPostProcessor & { type: string }>();
  return {
    Configure: unaryHandler(sctx, async (req: v1.PostProcessorConfigureRequest__Output) => {
      const pp = postProcessors[req.type];
      if (!pp) return { instanceId: '', diagnostics: [unknownComponent('post-processor', req.type)] };
      const { prepared: _, ...res } = await prepareInstance(store, async () =>
        Object.assign(
          await pp.configure(parseJsonObject(req.configJson), buildContextFromProto(req.context)),
          {
            type: req.type,
          },
        ),
      );
      return res;
    }),
    PostProcess: unaryHandler(sctx, async (req: v1.PostProcessRequest__Output, _caller, signal) => {
      const prepared = store.get(req.instanceId);
      const input = artifactFromProto(req.artifact);
      if (!input) throw new Error('PostProcess needs an artifact');
      const ui = core().ui(req.sessionId);
      try {
        const r = await prepared.postProcess({ ui, signal, sessionId: req.sessionId }, input);
        return {
          artifact: r.artifact
            ? artifactToProto({ producer: { kind: 'post-processor', type: prepared.type }, ...r.artifact })
            : null,
          keep: r.keep,
          forceOverride: r.forceOverride,
        };
      } finally {
        await ui.flush();
      }
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
  return {
    ...remoteBase(spec),
    async configure(config, build) {
      const { response: res, warnings } = await prepareRemote<v1.PostProcessorConfigureResponse__Output>(
        ctx,
        client.Configure.bind(client),
        spec.type,
        config,
        build,
      );
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
