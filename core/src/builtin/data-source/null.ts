import type { DataSource } from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';

/** The `null` data source: its output is its input (Packer's, for tests and plumbing). */
export const nullDataSource: DataSource = {
  description: 'Returns its input as output.',
  schema: {
    attributes: {
      input: { type: 'string', description: 'The value to return as `output`.' },
    },
  },
  outputSchema: { attributes: { output: { type: 'string', description: 'The input.' } } },
  async configure(raw) {
    const { cfg, diags } = decodeBuiltin<{ input?: string }>(nullDataSource.schema, raw);
    if (!cfg.input) diags.error('The `input` must be specified', ['input']);
    diags.throwIfErrors();
    return { execute: async () => ({ output: cfg.input }) };
  },
};
