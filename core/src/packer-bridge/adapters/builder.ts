import {
  type Artifact,
  type BuildContext,
  type Builder,
  type BuilderRunContext,
  CancelledError,
  ConfigError,
  type PreparedBuilder,
} from '@kiln/plugin-sdk';
import { type PackerComponent, packerBuildVariables } from '../component-process.js';
import type { PackerProcess } from '../plugin-process.js';
import { RpcClient, type RpcService, serveRpc } from '../rpc/msgpack-rpc.js';
import { hookService } from '../serve/hook-service.js';
import { destroyRemoteArtifact, readRemoteArtifact } from '../serve/remote-artifact.js';
import { uiServices } from '../serve/ui-service.js';
import { configToMap, errorDiagnostics } from '../spec/cty-value.js';

interface PrepareReply {
  GeneratedVars?: string[] | null;
  Warnings?: string[] | null;
  Error?: { Message?: string } | null;
}

/** A Packer plugin's builder as a Kiln Builder. */
export function packerBuilder(component: PackerComponent): Builder {
  return {
    schema: component.schema,
    description: `${component.type} builder of Packer plugin ${component.binary.source} ${component.binary.version}`,
    async prepare(config: Record<string, unknown>, build: BuildContext): Promise<PreparedBuilder> {
      const raw = configToMap(component.spec, config);
      const p = await component.process();
      let reply: PrepareReply;
      try {
        reply = await p.client.call<PrepareReply>('Builder.Prepare', {
          Configs: [packerBuildVariables(build), raw],
        });
      } catch (e) {
        const error = await p.explain(e);
        await p.dispose(0);
        throw error;
      }
      if (reply.Error) {
        await p.dispose();
        throw new ConfigError(errorDiagnostics(reply.Error.Message ?? 'prepare failed'));
      }
      return {
        generatedVariables: reply.GeneratedVars ?? [],
        warnings: (reply.Warnings ?? []).flatMap((w) => errorDiagnostics(w, 'warning')),
        run: (ctx) => runBuilder(component, p, ctx),
      };
    },
    destroyArtifact: (artifact: Artifact) => destroyRemoteArtifact(artifact),
  };
}

async function runBuilder(
  component: PackerComponent,
  p: PackerProcess,
  ctx: BuilderRunContext,
): Promise<Artifact | undefined> {
  const id = p.broker.nextId();
  const services: Record<string, RpcService> = {};
  uiServices(ctx.ui, services);
  services.Hook = hookService(ctx.hook, p.broker, ctx.signal);
  const served = p.broker.accept(id).then((s) => serveRpc(s, services));
  served.catch(() => {});
  const cancel = () => {
    p.client.call('Builder.Cancel').catch(() => {});
  };
  ctx.signal.addEventListener('abort', cancel, { once: true });
  let artifactId: number;
  try {
    artifactId = Number(await p.client.call<number>('Builder.Run', id));
  } catch (e) {
    const error = await p.explain(e);
    await p.dispose();
    if (ctx.signal.aborted) throw new CancelledError();
    throw error;
  } finally {
    ctx.signal.removeEventListener('abort', cancel);
  }
  if (ctx.signal.aborted) {
    await p.dispose();
    throw new CancelledError();
  }
  if (!artifactId) {
    await p.dispose();
    return undefined;
  }
  const client = new RpcClient(await p.broker.dial(artifactId));
  return readRemoteArtifact(client, { kind: 'builder', type: component.type }, () => p.dispose());
}
