import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BuildContext, DataSource } from '@kiln/plugin-sdk';
import type { DataSourceConfig, LoadedConfig } from '../config/model.js';
import { TemplateError } from '../config/source-range.js';
import { runDataSources } from './data-sources.js';

const range = {
  filename: 't.pkr.hcl',
  start: { line: 1, column: 1, byte: 0 },
  end: { line: 1, column: 5, byte: 4 },
};
const context: BuildContext = {
  runId: 'r1',
  buildName: '',
  builderType: '',
  debug: false,
  force: false,
  onError: 'cleanup',
  templateDir: '.',
  userVariables: {},
};

function block(name: string, body: Record<string, unknown>): DataSourceConfig {
  return { kind: 'data-source', type: 'fake', name, range, evaluate: () => body, locate: () => range };
}

const fake = (execute: (c: Record<string, unknown>) => Record<string, unknown>): DataSource => ({
  schema: { attributes: {} },
  outputSchema: { attributes: {} },
  async configure(c) {
    return { execute: async () => execute(c) };
  },
});

test('runDataSources hands every output to the configuration, in order', async () => {
  const provided: string[] = [];
  const config = {
    dataSources: [block('a', { v: 1 }), block('b', { v: 2 })],
    provideDataSource: (type: string, name: string, out: Record<string, unknown>) =>
      provided.push(`${type}.${name}=${JSON.stringify(out)}`),
  } as unknown as LoadedConfig;
  await runDataSources(
    config,
    async () => fake((c) => ({ id: `x${c.v}` })),
    context,
    new AbortController().signal,
  );
  assert.deepEqual(provided, ['fake.a={"id":"x1"}', 'fake.b={"id":"x2"}']);
});

test('runDataSources reports a failed execute at the block, as Packer words it', async () => {
  const config = { dataSources: [block('a', {})], provideDataSource() {} } as unknown as LoadedConfig;
  const failing = fake(() => {
    throw new Error('No AMI was found matching filters');
  });
  await assert.rejects(
    runDataSources(config, async () => failing, context, new AbortController().signal),
    (e: unknown) =>
      e instanceof TemplateError &&
      e.diagnostics[0]?.summary === 'Datasource.Execute failed: No AMI was found matching filters' &&
      e.diagnostics[0]?.range === range,
  );
});
