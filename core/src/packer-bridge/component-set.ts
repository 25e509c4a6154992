import type { ComponentSet } from '@kiln/plugin-sdk';
import { packerBuilder } from './adapters/builder.js';
import { PackerComponent } from './component-process.js';
import { componentTypeName } from './describe.js';
import type { PackerBinary } from './packer-binary.js';

/**
 * The components of a Packer plugin binary as Kiln components: each one's
 * HCL spec is read (in parallel) and becomes its schema.
 */
export async function packerComponentSet(binary: PackerBinary): Promise<ComponentSet> {
  const d = binary.description;
  const load = (kind: 'builder' | 'provisioner' | 'post-processor' | 'datasource', names: string[]) =>
    Promise.all(
      names.map((n) => PackerComponent.load(binary, kind, n, componentTypeName(binary.pluginName, n))),
    );
  const [builders] = await Promise.all([load('builder', d.builders)]);
  const set: ComponentSet = {};
  if (builders.length) set.builders = Object.fromEntries(builders.map((c) => [c.type, packerBuilder(c)]));
  return set;
}
