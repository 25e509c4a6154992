import type * as grpc from '@grpc/grpc-js';
import {
  type Artifact,
  type Builder,
  type ComponentKind,
  type ComponentSet,
  type ConfigSchema,
  type DataSource,
  type LaunchedPlugin,
  LEFTOVERS_SERVICE,
  type LeftoverFinder,
  type PostProcessor,
  type Provisioner,
  rpc,
  STEP_CACHE_CAPABILITY,
  STEP_CACHE_SERVICE,
  type StepCacheStore,
} from '@kiln/plugin-sdk';
import type { CoreServer } from './core-server.js';
import type { PluginSpec } from './plugin-spec.js';

/** A started plugin: its description, schemas and components as plain SDK interfaces. */
export interface RemotePlugin {
  readonly spec: PluginSpec;
  readonly description: rpc.PluginDescription;
  /** The process, when core started it (not for reattached plugins). */
  readonly process: LaunchedPlugin | undefined;
  /** A component's schema; fetched once per run. */
  schema(kind: ComponentKind, type: string): Promise<ConfigSchema>;
  builder(type: string): Promise<Builder>;
  provisioner(type: string): Promise<Provisioner>;
  postProcessor(type: string): Promise<PostProcessor>;
  dataSource(type: string): Promise<DataSource>;
  destroyArtifact(artifact: Artifact): Promise<void>;
  /** The plugin's leftovers service (kiln cleanup), when it serves one. */
  readonly leftovers: LeftoverFinder | undefined;
  /** The plugin's step cache store (kiln cache), when it serves one. */
  readonly stepCache: StepCacheStore | undefined;
  /** Every component the plugin serves, by kind and type (schemas fetched in parallel). */
  componentSet(): Promise<ComponentSet>;
}

/** Everything one connected plugin is made of; owned by the PluginHost. */
export interface PluginConnection {
  remote: RemotePlugin;
  client: rpc.PluginClient;
  channel: grpc.Channel;
  launched: LaunchedPlugin | undefined;
  dispose(): void;
}

/** Builds the RemotePlugin facade over a connected plugin. */
export function remotePlugin(
  spec: PluginSpec,
  description: rpc.PluginDescription,
  ctx: rpc.ClientContext,
  client: rpc.PluginClient,
  core: CoreServer,
  launched: LaunchedPlugin | undefined,
): RemotePlugin {
  const schemas = new Map<string, Promise<ConfigSchema>>();
  const has = (kind: ComponentKind, type: string) => {
    if (!description.components.some((c) => c.kind === kind && c.type === type)) {
      const offered = description.components.filter((c) => c.kind === kind).map((c) => c.type);
      throw new Error(
        `plugin "${spec.name}" ${spec.version} has no ${kind} "${type}"` +
          (offered.length ? ` (it offers: ${offered.join(', ')})` : ''),
      );
    }
  };
  const schema = (kind: ComponentKind, type: string): Promise<ConfigSchema> => {
    has(kind, type);
    const key = `${kind}/${type}`;
    let s = schemas.get(key);
    if (!s) {
      s = client.getSchema(kind, type);
      schemas.set(key, s);
      s.catch(() => schemas.delete(key));
    }
    return s;
  };
  const describe = (kind: ComponentKind, type: string) =>
    description.components.find((c) => c.kind === kind && c.type === type)?.description;
  const destroyArtifact = (a: Artifact) => client.destroyArtifact(a);
  const leftovers = description.services.includes(LEFTOVERS_SERVICE) ? rpc.leftoversClient(ctx) : undefined;
  const stepCache = description.services.includes(STEP_CACHE_SERVICE) ? rpc.stepCacheClient(ctx) : undefined;
  const cachedBuilder = (type: string) =>
    description.components.some(
      (c) => c.kind === 'builder' && c.type === type && c.capabilities?.includes(STEP_CACHE_CAPABILITY),
    );
  return {
    spec,
    description,
    process: launched,
    schema,
    async builder(type) {
      return rpc.builderClient(
        ctx,
        core,
        {
          type,
          schema: await schema('builder', type),
          description: describe('builder', type),
          destroyArtifact,
        },
        stepCache && cachedBuilder(type) ? stepCache : undefined,
      );
    },
    async provisioner(type) {
      return rpc.provisionerClient(ctx, core, {
        type,
        schema: await schema('provisioner', type),
        description: describe('provisioner', type),
      });
    },
    async postProcessor(type) {
      return rpc.postProcessorClient(ctx, core, {
        type,
        schema: await schema('post-processor', type),
        description: describe('post-processor', type),
        destroyArtifact,
      });
    },
    async dataSource(type) {
      const [s, out] = await Promise.all([
        schema('data-source', type),
        rpc.dataSourceOutputSchema(ctx, type),
      ]);
      return rpc.dataSourceClient(ctx, {
        type,
        schema: s,
        outputSchema: out,
        description: describe('data-source', type),
      });
    },
    destroyArtifact,
    async componentSet() {
      const set: Required<Omit<ComponentSet, 'leftovers' | 'stepCache'>> = {
        builders: {},
        provisioners: {},
        postProcessors: {},
        dataSources: {},
      };
      await Promise.all(
        description.components.map(async ({ kind, type }) => {
          if (kind === 'builder') set.builders[type] = await this.builder(type);
          else if (kind === 'provisioner') set.provisioners[type] = await this.provisioner(type);
          else if (kind === 'post-processor') set.postProcessors[type] = await this.postProcessor(type);
          else set.dataSources[type] = await this.dataSource(type);
        }),
      );
      return { ...set, ...(leftovers ? { leftovers } : {}), ...(stepCache ? { stepCache } : {}) };
    },
    leftovers,
    stepCache,
  };
}
