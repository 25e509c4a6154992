import type { BuildContext, DataSource } from '@kiln/plugin-sdk';
import type { LoadedConfig } from '../config/model.js';
import type { SourceRange, TemplateDiagnostic } from '../config/source-range.js';
import { TemplateError } from '../config/source-range.js';
import { diagnose } from './diagnose.js';

/** Finds the component of a data source type (built-in or plugin). */
export type DataSourceResolver = (type: string, range?: SourceRange) => Promise<DataSource>;

/**
 * Runs the template's `data` blocks in order, before any build is prepared,
 * and hands each output to the configuration (data.<type>.<name>). Throws a
 * TemplateError placed at the block that failed, as Packer reports
 * "Datasource.Execute failed".
 */
export async function runDataSources(
  config: LoadedConfig,
  resolve: DataSourceResolver,
  context: BuildContext,
  signal: AbortSignal,
): Promise<void> {
  for (const ds of config.dataSources ?? []) {
    let errors: TemplateDiagnostic[] = [];
    try {
      const component = await resolve(ds.type, ds.range);
      const prepared = await component.configure(ds.evaluate(), context);
      const output = await prepared.execute(signal).catch((error: unknown) => {
        errors = [
          {
            severity: 'error',
            summary: `Datasource.Execute failed: ${error instanceof Error ? error.message : String(error)}`,
            range: ds.range,
          },
        ];
        return undefined;
      });
      if (output) config.provideDataSource?.(ds.type, ds.name, output);
    } catch (error) {
      errors = diagnose(error, ds);
    }
    if (errors.length) throw new TemplateError(errors);
  }
}
