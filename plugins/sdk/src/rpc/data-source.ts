import type { v1 } from '@kiln/proto';
import type { DataSource, PreparedDataSource } from '../component.js';
import type { ConfigSchema } from '../schema.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { parseJsonObject } from './convert.js';
import { schemaFromProto, schemaToProto } from './convert-schema.js';
import { InstanceStore } from './instances.js';
import { prepareByType } from './prepare-result.js';
import { remotePreparer } from './remote-component.js';
import { type ServerContext, unaryHandler } from './server-call.js';

/** Serves the DataSource service for a plugin's data sources. */
export function dataSourceServer<C>(
  sctx: ServerContext<C>,
  dataSources: Record<string, DataSource>,
): v1.DataSourceHandlers {
  const store = new InstanceStore<PreparedDataSource>();
  return {
    Configure: unaryHandler(sctx, async (req: v1.DataSourceConfigureRequest__Output) => {
      const { prepared: _, ...res } = await prepareByType(
        dataSources,
        'data source',
        store,
        req,
        (ds, c, b) => ds.configure(c, b),
      );
      return res;
    }),
    OutputSchema: unaryHandler(sctx, async (req: v1.DataSourceOutputSchemaRequest__Output) => {
      const ds = dataSources[req.type];
      if (!ds) throw new Error(`this plugin has no data source "${req.type}"`);
      return { schema: schemaToProto(ds.outputSchema) };
    }),
    Execute: unaryHandler(sctx, async (req: v1.DataSourceExecuteRequest__Output, _caller, signal) => ({
      valueJson: JSON.stringify(await store.get(req.instanceId).execute(signal)),
    })),
  };
}

/** A DataSource whose work happens in a plugin process. */
export function dataSourceClient(
  ctx: ClientContext,
  spec: { type: string; schema: ConfigSchema; outputSchema: ConfigSchema; description?: string },
): DataSource {
  const client = makeClient(services().kiln.plugin.v1.DataSource, ctx);
  const prepareIn = remotePreparer(ctx, client.Configure.bind(client), spec.type);
  return {
    schema: spec.schema,
    outputSchema: spec.outputSchema,
    ...(spec.description ? { description: spec.description } : {}),
    async configure(config, build) {
      const { response: res, warnings } = await prepareIn(config, build);
      return {
        warnings,
        async execute(signal) {
          const out = await unary<v1.DataSourceExecuteResponse__Output>(ctx, signal, (md, o, cb) =>
            client.Execute({ instanceId: res.instanceId }, md, o, cb),
          );
          return parseJsonObject(out.valueJson);
        },
      };
    },
  };
}

/** Fetches a remote data source's output schema (needed before {@link dataSourceClient}). */
export async function dataSourceOutputSchema(ctx: ClientContext, type: string): Promise<ConfigSchema> {
  const client = makeClient(services().kiln.plugin.v1.DataSource, ctx);
  const res = await unary<v1.DataSourceOutputSchemaResponse__Output>(ctx, undefined, (md, o, cb) =>
    client.OutputSchema({ type }, md, o, cb),
  );
  return schemaFromProto(res.schema);
}
