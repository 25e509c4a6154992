import type { BuildContext, DataSource } from '@kiln/plugin-sdk';
import { type DataSourceExecutor, UNKNOWN_OUTPUT } from '../config/model.js';
import type { SourceRange, TemplateDiagnostic } from '../config/source-range.js';
import { TemplateError } from '../config/source-range.js';
import { diagnose } from './diagnose.js';

/** Finds the component of a data source type (built-in or plugin). */
export type DataSourceResolver = (type: string, range?: SourceRange) => Promise<DataSource>;

/**
 * The executor the loader calls for each `data` block, in dependency order
 * (LoadOptions.executeDataSource): configures the data source with its body
 * and, unless `configureOnly` (validate without -evaluate-datasources, as
 * Packer), executes it. Throws a TemplateError placed at the block, as
 * Packer reports "Datasource.Execute failed".
 */
export function dataSourceExecutor(
  resolve: DataSourceResolver,
  context: BuildContext,
  signal: AbortSignal,
  configureOnly = false,
): DataSourceExecutor {
  return async (ds, body) => {
    let errors: TemplateDiagnostic[] = [];
    let output: Record<string, unknown> | undefined;
    try {
      const component = await resolve(ds.type, ds.range);
      const prepared = await component.configure(body, context);
      if (configureOnly) {
        const schema = component.outputSchema;
        const names = [...Object.keys(schema?.attributes ?? {}), ...Object.keys(schema?.blocks ?? {})];
        return names.length ? Object.fromEntries(names.map((n) => [n, UNKNOWN_OUTPUT])) : undefined;
      }
      output = await prepared.execute(signal).catch((error: unknown) => {
        errors = [
          {
            severity: 'error',
            summary: `Datasource.Execute failed: ${error instanceof Error ? error.message : String(error)}`,
            range: ds.range,
          },
        ];
        return undefined;
      });
    } catch (error) {
      errors = diagnose(error, ds);
    }
    if (errors.length || !output) throw new TemplateError(errors);
    return output;
  };
}
