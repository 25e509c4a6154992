import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BuildContext, DataSource } from '@kiln/plugin-sdk';
import { type DataSourceConfig, UNKNOWN_OUTPUT } from '../config/model.js';
import { TemplateError } from '../config/source-range.js';
import { dataSourceExecutor } from './data-sources.js';

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

const block: DataSourceConfig = {
  kind: 'data-source',
  type: 'fake',
  name: 'a',
  range,
  evaluate: () => ({}),
  locate: () => range,
};

const fake = (execute: (c: Record<string, unknown>) => Record<string, unknown>): DataSource => ({
  schema: { attributes: {} },
  outputSchema: { attributes: {} },
  async configure(c) {
    return { execute: async () => execute(c) };
  },
});

test('dataSourceExecutor configures the data source with the body and returns its output', async () => {
  const run = dataSourceExecutor(
    async () => fake((c) => ({ id: `x${c.v}` })),
    context,
    new AbortController().signal,
  );
  assert.deepEqual(await run(block, { v: 1 }), { id: 'x1' });
});

test('dataSourceExecutor reports a failed execute at the block, as Packer words it', async () => {
  const failing = fake(() => {
    throw new Error('No AMI was found matching filters');
  });
  const run = dataSourceExecutor(async () => failing, context, new AbortController().signal);
  await assert.rejects(
    run(block, {}),
    (e: unknown) =>
      e instanceof TemplateError &&
      e.diagnostics[0]?.summary === 'Datasource.Execute failed: No AMI was found matching filters' &&
      e.diagnostics[0]?.range === range,
  );
});

test('dataSourceExecutor, configure only: checks the body, runs nothing, and gives the output attributes as unknown', async () => {
  let ran = false;
  const ds: DataSource = {
    schema: { attributes: {} },
    outputSchema: { attributes: { id: { type: 'string' }, tags: { type: 'map(string)' } } },
    async configure() {
      return {
        execute: async () => {
          ran = true;
          return {};
        },
      };
    },
  };
  const run = dataSourceExecutor(async () => ds, context, new AbortController().signal, true);
  assert.deepEqual(await run(block, {}), { id: UNKNOWN_OUTPUT, tags: UNKNOWN_OUTPUT });
  assert.equal(ran, false);
});
