import type { ComponentBase, ComponentKind, ComponentSet } from '@kiln/plugin-sdk';

const KEY: Record<ComponentKind, keyof ComponentSet> = {
  builder: 'builders',
  provisioner: 'provisioners',
  'post-processor': 'postProcessors',
  'data-source': 'dataSources',
};

/** The component of a kind and type in a set, if it has one. */
export function pick(set: ComponentSet, kind: ComponentKind, type: string): ComponentBase | undefined {
  const table = set[KEY[kind]] as Record<string, ComponentBase> | undefined;
  return table && Object.hasOwn(table, type) ? table[type] : undefined;
}

/** The type names of a kind in a set. */
export function typesOf(set: ComponentSet, kind: ComponentKind): string[] {
  return Object.keys((set[KEY[kind]] as Record<string, unknown> | undefined) ?? {});
}
