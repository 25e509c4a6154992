import type { ComponentKind } from '@kiln/plugin-sdk';

/** The "kiln" field of a plugin's package.json. */
export interface KilnField {
  protocol: number;
  main: string;
  components: Partial<Record<ComponentKind, string[]>>;
}

const KINDS: ComponentKind[] = ['builder', 'provisioner', 'post-processor', 'data-source'];

/** Reads a package.json's "kiln" field; a string says why it is not a kiln plugin. */
export function kilnField(pkg: Record<string, unknown>): KilnField | string {
  const kiln = pkg.kiln as Record<string, unknown> | undefined;
  if (!kiln || typeof kiln !== 'object') return 'its package.json has no "kiln" field (not a kiln plugin)';
  if (typeof kiln.protocol !== 'number') return '"kiln.protocol" is missing';
  if (typeof kiln.main !== 'string') return '"kiln.main" is missing';
  const components: KilnField['components'] = {};
  const declared = (kiln.components ?? {}) as Record<string, unknown>;
  for (const k of KINDS) {
    const list = declared[k];
    if (Array.isArray(list)) components[k] = list.filter((x): x is string => typeof x === 'string');
  }
  return { protocol: kiln.protocol, main: kiln.main, components };
}
