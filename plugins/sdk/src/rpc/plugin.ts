import type { v1 } from '@kiln/proto';
import type { Artifact, ComponentKind } from '../component.js';
import type { ConfigSchema } from '../schema.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { artifactFromProto, artifactToProto, kindFromProto, kindToProto } from './convert.js';
import { schemaFromProto, schemaToProto } from './convert-schema.js';
import { type ServerContext, unaryHandler } from './server-call.js';

/** One component a plugin serves. */
export interface ComponentDescription {
  kind: ComponentKind;
  type: string;
  description: string;
  /** Optional features, e.g. STEP_CACHE_CAPABILITY (absent from plugins made before them). */
  capabilities?: string[];
}

/** What Plugin.Describe returns. */
export interface PluginDescription {
  name: string;
  version: string;
  protocolVersion: number;
  components: ComponentDescription[];
  /** Which SDK the plugin was written with, e.g. "@kiln/plugin-sdk 0.1.0". */
  sdk: string;
  /** Optional services it serves, by full name (e.g. LEFTOVERS_SERVICE). */
  services: string[];
}

/** The plugin-side implementation of the Plugin service, in plain types. */
export interface PluginHandlers {
  describe(): PluginDescription;
  /** The schema of a component, or undefined when the plugin has no such component. */
  getSchema(kind: ComponentKind, type: string): ConfigSchema | undefined;
  connect(coreAddress: string, coreToken: string): Promise<void>;
  destroyArtifact(artifact: Artifact): Promise<void>;
  shutdown(graceMs: number): Promise<void>;
}

/** Serves the Plugin service. */
export function pluginServer<C>(sctx: ServerContext<C>, h: PluginHandlers): v1.PluginHandlers {
  return {
    Describe: unaryHandler(sctx, async (): Promise<v1.DescribeResponse> => {
      const d = h.describe();
      return {
        name: d.name,
        version: d.version,
        protocolVersion: d.protocolVersion,
        sdk: d.sdk,
        services: d.services,
        components: d.components.map((c) => ({
          kind: kindToProto(c.kind),
          type: c.type,
          description: c.description,
          capabilities: c.capabilities ?? [],
        })),
      };
    }),
    GetSchema: unaryHandler(sctx, async (req: v1.GetSchemaRequest__Output) => {
      const kind = kindFromProto(req.kind);
      const schema = kind ? h.getSchema(kind, req.type) : undefined;
      if (!schema) throw new Error(`this plugin has no ${kind ?? 'component'} "${req.type}"`);
      return { schema: schemaToProto(schema) };
    }),
    Connect: unaryHandler(sctx, async (req: v1.ConnectRequest__Output) => {
      await h.connect(req.coreAddress, req.coreToken);
      return {};
    }),
    DestroyArtifact: unaryHandler(sctx, async (req: v1.DestroyArtifactRequest__Output) => {
      const artifact = artifactFromProto(req.artifact);
      if (!artifact) throw new Error('DestroyArtifact needs an artifact');
      await h.destroyArtifact(artifact);
      return {};
    }),
    Shutdown: unaryHandler(sctx, async (req: v1.ShutdownRequest__Output) => {
      await h.shutdown(req.graceMs);
      return {};
    }),
  };
}

/** Core's view of a plugin's Plugin service. */
export interface PluginClient {
  describe(signal?: AbortSignal): Promise<PluginDescription>;
  getSchema(kind: ComponentKind, type: string, signal?: AbortSignal): Promise<ConfigSchema>;
  connect(coreAddress: string, coreToken: string): Promise<void>;
  destroyArtifact(artifact: Artifact): Promise<void>;
  shutdown(graceMs: number): Promise<void>;
}

/** A client of a plugin's Plugin service. */
export function pluginClient(ctx: ClientContext): PluginClient {
  const client = makeClient(services().kiln.plugin.v1.Plugin, ctx);
  return {
    async describe(signal) {
      const d = await unary<v1.DescribeResponse__Output>(ctx, signal, (md, o, cb) =>
        client.Describe({}, md, o, cb),
      );
      return {
        name: d.name,
        version: d.version,
        protocolVersion: d.protocolVersion,
        sdk: d.sdk,
        services: d.services,
        components: d.components.flatMap((c) => {
          const kind = kindFromProto(c.kind);
          return kind
            ? [{ kind, type: c.type, description: c.description, capabilities: c.capabilities ?? [] }]
            : [];
        }),
      };
    },
    async getSchema(kind, type, signal) {
      const res = await unary<v1.GetSchemaResponse__Output>(ctx, signal, (md, o, cb) =>
        client.GetSchema({ kind: kindToProto(kind), type }, md, o, cb),
      );
      return schemaFromProto(res.schema);
    },
    async connect(coreAddress, coreToken) {
      await unary(ctx, undefined, (md, o, cb) => client.Connect({ coreAddress, coreToken }, md, o, cb));
    },
    async destroyArtifact(artifact) {
      await unary(ctx, undefined, (md, o, cb) =>
        client.DestroyArtifact({ artifact: artifactToProto(artifact) }, md, o, cb),
      );
    },
    async shutdown(graceMs) {
      await unary(ctx, undefined, (md, o, cb) => client.Shutdown({ graceMs }, md, o, cb));
    },
  };
}
