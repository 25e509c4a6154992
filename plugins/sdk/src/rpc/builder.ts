import type { v1 } from '@kiln/proto';
import type { BuildContext, Builder, PreparedBuilder } from '../component.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { artifactFromProto, artifactToProto } from './convert.js';
import { InstanceStore } from './instances.js';
import { prepareByType } from './prepare-result.js';
import { type RemoteSpec, remoteBase, remotePreparer, withRegistrations } from './remote-component.js';
import { type ServerContext, unaryHandler } from './server-call.js';
import { type CoreLink, type SessionBinder, withSessionUi } from './sessions.js';
import type { StepCacheClient } from './step-cache.js';

/** The prepared builders of a plugin process, by instance id. */
export type BuilderInstances = InstanceStore<PreparedBuilder & { type: string; build: BuildContext }>;

/** Serves the Builder service for a plugin's builders. */
export function builderServer<C>(
  sctx: ServerContext<C>,
  builders: Record<string, Builder>,
  core: () => CoreLink,
  store: BuilderInstances = new InstanceStore(),
): v1.BuilderHandlers {
  return {
    Prepare: unaryHandler(
      sctx,
      async (req: v1.BuilderPrepareRequest__Output): Promise<v1.BuilderPrepareResponse> => {
        const res = await prepareByType(builders, 'builder', store, req, async (builder, config, build) =>
          Object.assign(await builder.prepare(config, build), { type: req.type, build }),
        );
        return { ...res, generatedVariables: res.prepared?.generatedVariables ?? [] };
      },
    ),
    Run: unaryHandler(
      sctx,
      async (req: v1.BuilderRunRequest__Output, _caller, signal): Promise<v1.BuilderRunResponse> => {
        const prepared = store.get(req.instanceId);
        const link = core();
        const hook = link.hook(req.sessionId);
        const artifact = await withSessionUi(link, req.sessionId, (ui) =>
          prepared.run({
            ui,
            // What the builder said so far reaches the user before the
            // provisioners' output, which core prints itself.
            hook: {
              run: async (...args) => {
                await ui.flush();
                return hook.run(...args);
              },
            },
            signal,
            sessionId: req.sessionId,
            build: prepared.build,
            ...(req.startFromKey && prepared.stepCache
              ? { startFrom: req.startFromKey, ...(req.startFromLast ? { startFromLast: true } : {}) }
              : {}),
          }),
        );
        if (!artifact) return { artifact: null };
        return {
          artifact: artifactToProto({ producer: { kind: 'builder', type: prepared.type }, ...artifact }),
        };
      },
    ),
  };
}

/**
 * A Builder whose work happens in a plugin process. With `stepCache` (the
 * builder lists the step_cache capability and the plugin serves StepCache),
 * its prepared instances offer their step cache.
 */
export function builderClient(
  ctx: ClientContext,
  sessions: SessionBinder,
  spec: RemoteSpec,
  stepCache?: StepCacheClient,
): Builder {
  const client = makeClient(services().kiln.plugin.v1.Builder, ctx);
  const prepare = client.Prepare.bind(client);
  const prepareIn = remotePreparer<v1.BuilderPrepareResponse__Output>(ctx, prepare, spec.type);
  return {
    ...remoteBase(spec),
    async prepare(config, build) {
      const { response: res, warnings } = await prepareIn(config, build);
      return {
        warnings,
        generatedVariables: res.generatedVariables,
        ...(stepCache ? { stepCache: stepCache.builder(res.instanceId, spec.type) } : {}),
        async run(runCtx) {
          const session = sessions.openSession({ ui: runCtx.ui, hook: runCtx.hook });
          return withRegistrations([session], runCtx.signal, async () => {
            const out = await unary<v1.BuilderRunResponse__Output>(ctx, runCtx.signal, (md, o, cb) =>
              client.Run(
                {
                  instanceId: res.instanceId,
                  sessionId: session.id,
                  startFromKey: runCtx.startFrom ?? '',
                  startFromLast: runCtx.startFromLast ?? false,
                },
                md,
                o,
                cb,
              ),
            );
            return artifactFromProto(out.artifact);
          });
        },
      };
    },
  };
}
