import {
  type Artifact,
  type BuildContext,
  CancelledError,
  type PostProcessor,
  type PostProcessResult,
  type PreparedPostProcessor,
  type RunContext,
} from '@kiln/plugin-sdk';
import type { PackerComponent } from '../component-process.js';
import type { PackerProcess } from '../plugin-process.js';
import { RpcClient, type RpcService, serveRpc } from '../rpc/msgpack-rpc.js';
import { artifactService } from '../serve/artifact-service.js';
import { destroyRemoteArtifact, readRemoteArtifact } from '../serve/remote-artifact.js';
import { uiServices } from '../serve/ui-service.js';
import { prepareProcess } from './provisioner.js';

interface ProcessReply {
  Err?: { Message?: string } | null;
  Keep?: boolean;
  ForceOverride?: boolean;
  StreamId?: number;
}

/** A Packer plugin's post-processor as a Kiln PostProcessor: the input artifact is served to it. */
export function packerPostProcessor(component: PackerComponent): PostProcessor {
  return {
    schema: component.schema,
    description: `${component.type} post-processor of Packer plugin ${component.binary.source} ${component.binary.version}`,
    async configure(config: Record<string, unknown>, build: BuildContext): Promise<PreparedPostProcessor> {
      const p = await prepareProcess(component, 'PostProcessor.Configure', config, build);
      return { postProcess: (ctx, artifact) => postProcess(component, p, ctx, artifact) };
    },
    destroyArtifact: (artifact: Artifact) => destroyRemoteArtifact(artifact),
  };
}

async function postProcess(
  component: PackerComponent,
  p: PackerProcess,
  ctx: RunContext,
  artifact: Artifact,
): Promise<PostProcessResult> {
  const id = p.broker.nextId();
  const services: Record<string, RpcService> = {};
  uiServices(ctx.ui, services);
  services.Artifact = artifactService(artifact);
  const served = p.broker.accept(id).then((s) => serveRpc(s, services));
  served.catch(() => {});
  const cancel = () => {
    p.client.call('PostProcessor.Cancel').catch(() => {});
  };
  ctx.signal.addEventListener('abort', cancel, { once: true });
  let reply: ProcessReply;
  try {
    reply = await p.client.call<ProcessReply>('PostProcessor.PostProcess', id);
  } catch (e) {
    if (ctx.signal.aborted) throw new CancelledError();
    throw await p.explain(e);
  } finally {
    ctx.signal.removeEventListener('abort', cancel);
  }
  // A cancelled post-processor answers with its context's error: report the cancellation, not that.
  if (ctx.signal.aborted) throw new CancelledError();
  if (reply.Err) throw new Error(reply.Err.Message ?? 'post-processing failed');
  const keep = reply.Keep === true;
  const forceOverride = reply.ForceOverride === true;
  if (!reply.StreamId) return { artifact: undefined, keep, forceOverride };
  const client = new RpcClient(await p.broker.dial(reply.StreamId));
  const out = await readRemoteArtifact(client, { kind: 'post-processor', type: component.type }, () =>
    p.dispose(),
  );
  return { artifact: out, keep, forceOverride };
}
