import type { Artifact, Builder, ComponentKind, ComponentSet } from '../component.js';
import { LEFTOVERS_SERVICE } from '../leftovers.js';
import type { ComponentDescription, PluginHandlers } from '../rpc/plugin.js';
import type { ConfigSchema } from '../schema.js';
import { STEP_CACHE_SERVICE } from '../step-cache.js';
import { SDK_VERSION } from '../version.js';

const kinds = {
  builder: 'builders',
  provisioner: 'provisioners',
  'post-processor': 'postProcessors',
  'data-source': 'dataSources',
} as const satisfies Record<ComponentKind, keyof ComponentSet>;

/** Lists a component set as Describe reports it. */
export function describeComponents(set: ComponentSet): ComponentDescription[] {
  return (Object.entries(kinds) as [ComponentKind, keyof ComponentSet][]).flatMap(([kind, key]) =>
    Object.entries(set[key] ?? {}).map(([type, c]) => ({
      kind,
      type,
      description: c.description ?? '',
      capabilities: kind === 'builder' ? ((c as Builder).capabilities ?? []) : [],
    })),
  );
}

/** The Plugin service's handlers for a component set; connect and shutdown are the caller's. */
export function pluginHandlers(
  plugin: { name: string; version: string; protocol: number; components: ComponentSet },
  lifecycle: Pick<PluginHandlers, 'connect' | 'shutdown'>,
): PluginHandlers {
  const { components } = plugin;
  return {
    ...lifecycle,
    describe: () => ({
      name: plugin.name,
      version: plugin.version,
      protocolVersion: plugin.protocol,
      sdk: `@kiln/plugin-sdk ${SDK_VERSION}`,
      components: describeComponents(components),
      services: [
        ...(components.leftovers ? [LEFTOVERS_SERVICE] : []),
        ...(components.stepCache ? [STEP_CACHE_SERVICE] : []),
      ],
    }),
    getSchema(kind, type): ConfigSchema | undefined {
      return components[kinds[kind]]?.[type]?.schema;
    },
    async destroyArtifact(artifact: Artifact) {
      const p = artifact.producer;
      const owner =
        p?.kind === 'builder'
          ? components.builders?.[p.type]
          : p?.kind === 'post-processor'
            ? components.postProcessors?.[p.type]
            : undefined;
      if (!owner?.destroyArtifact) {
        throw new Error(
          `${plugin.name} cannot destroy artifact ${artifact.id}: no component of it owns such artifacts`,
        );
      }
      await owner.destroyArtifact(artifact);
    },
  };
}
