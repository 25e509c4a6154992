import type { BuildContext, DataSource, PreparedDataSource } from '@kiln/plugin-sdk';
import type { PackerComponent } from '../component-process.js';
import { specToSchema } from '../spec/config-schema.js';
import { decodeCtyMsgpack } from '../spec/cty-msgpack.js';
import { decodeHclSpec, type HclSpec } from '../spec/hcl-spec.js';
import { prepareProcess } from './provisioner.js';

/** A Packer plugin's data source as a Kiln DataSource (`outputSpec` read when it is loaded). */
export function packerDataSource(component: PackerComponent, outputSpec: HclSpec): DataSource {
  return {
    schema: component.schema,
    outputSchema: specToSchema(outputSpec),
    description: `${component.type} data source of Packer plugin ${component.binary.source} ${component.binary.version}`,
    async configure(config: Record<string, unknown>, build: BuildContext): Promise<PreparedDataSource> {
      const p = await prepareProcess(component, 'Datasource.Configure', config, build);
      return {
        async execute() {
          try {
            const r = await p.client.call<{ Value?: Uint8Array; Error?: { Message?: string } | null }>(
              'Datasource.Execute',
            );
            if (r.Error) throw new Error(r.Error.Message ?? 'the data source failed');
            const value = r.Value ? decodeCtyMsgpack(r.Value) : {};
            return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
          } catch (e) {
            throw await p.explain(e);
          } finally {
            await p.dispose();
          }
        },
      };
    },
  };
}

/** Reads a data source's output spec from its (warm) process. */
export async function readOutputSpec(component: PackerComponent): Promise<HclSpec> {
  const p = await component.peek();
  const r = await p.client.call<{ OutputSpec: Uint8Array }>('Datasource.OutputSpec');
  return decodeHclSpec(r.OutputSpec);
}
