import type { ComponentBase, ComponentKind, ComponentSet } from '@kiln/plugin-sdk';
import { packerBuilder } from './adapters/builder.js';
import { packerDataSource, readOutputSpec } from './adapters/data-source.js';
import { packerPostProcessor } from './adapters/post-processor.js';
import { packerProvisioner } from './adapters/provisioner.js';
import { PackerComponent } from './component-process.js';
import { componentTypeName } from './describe.js';
import type { PackerBinary } from './packer-binary.js';
import type { PackerComponentKind } from './plugin-process.js';

/**
 * The components of a Packer plugin binary as Kiln components: each one's
 * HCL spec is read (in parallel) and becomes its schema.
 */
export async function packerComponentSet(binary: PackerBinary): Promise<ComponentSet> {
  const d = binary.description;
  const load = (kind: PackerComponentKind, names: string[]) =>
    Promise.all(
      names.map((n) => PackerComponent.load(binary, kind, n, componentTypeName(binary.pluginName, n))),
    );
  const [builders, provisioners, postProcessors, datasources] = await Promise.all([
    load('builder', d.builders),
    load('provisioner', d.provisioners),
    load('post-processor', d.postProcessors),
    load('datasource', d.datasources),
  ]);
  const set: ComponentSet = {};
  if (builders.length) set.builders = Object.fromEntries(builders.map((c) => [c.type, packerBuilder(c)]));
  if (provisioners.length)
    set.provisioners = Object.fromEntries(provisioners.map((c) => [c.type, packerProvisioner(c)]));
  if (postProcessors.length)
    set.postProcessors = Object.fromEntries(postProcessors.map((c) => [c.type, packerPostProcessor(c)]));
  if (datasources.length)
    set.dataSources = Object.fromEntries(
      await Promise.all(
        datasources.map(async (c) => [c.type, packerDataSource(c, await readOutputSpec(c))] as const),
      ),
    );
  return set;
}

const PACKER_KIND: Record<ComponentKind, PackerComponentKind> = {
  builder: 'builder',
  provisioner: 'provisioner',
  'post-processor': 'post-processor',
  'data-source': 'datasource',
};

/**
 * One component of a Packer plugin binary, loaded alone (only its own
 * process is started to read its spec); undefined when the binary has none
 * of that kind and type.
 */
export async function packerComponent(
  binary: PackerBinary,
  kind: ComponentKind,
  type: string,
): Promise<ComponentBase | undefined> {
  const d = binary.description;
  const pk = PACKER_KIND[kind];
  const names = {
    builder: d.builders,
    provisioner: d.provisioners,
    'post-processor': d.postProcessors,
    datasource: d.datasources,
  }[pk];
  const name = names.find((n) => componentTypeName(binary.pluginName, n) === type);
  if (name === undefined) return undefined;
  const c = await PackerComponent.load(binary, pk, name, type);
  switch (pk) {
    case 'builder':
      return packerBuilder(c);
    case 'provisioner':
      return packerProvisioner(c);
    case 'post-processor':
      return packerPostProcessor(c);
    case 'datasource':
      return packerDataSource(c, await readOutputSpec(c));
  }
}
