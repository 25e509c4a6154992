import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@kiln/plugin-sdk';
import { encode } from '@msgpack/msgpack';
import { specToSchema } from './config-schema.js';
import { decodeCtyMsgpack } from './cty-msgpack.js';
import { configToMap, errorDiagnostics } from './cty-value.js';
import { decodeHclSpec, encodeHclSpec, type HclSpec } from './hcl-spec.js';

const spec: HclSpec = {
  kind: 'object',
  attributes: {
    name: { kind: 'attr', name: 'name', type: 'string', required: true },
    size: { kind: 'attr', name: 'size', type: 'number', required: false },
    enabled: { kind: 'attr', name: 'enabled', type: 'bool', required: false },
    args: { kind: 'attr', name: 'args', type: { list: { list: 'string' } }, required: false },
    tags: { kind: 'attr', name: 'tags', type: { map: 'string' }, required: false },
    disk: {
      kind: 'block',
      name: 'disk',
      required: false,
      nested: {
        kind: 'object',
        attributes: { size: { kind: 'attr', name: 'size', type: 'string', required: false } },
      },
    },
    label: {
      kind: 'blockList',
      name: 'label',
      nested: {
        kind: 'object',
        attributes: { key: { kind: 'attr', name: 'key', type: 'string', required: true } },
      },
    },
  },
};

describe('HCL specs from Packer plugins', () => {
  it('round-trips the protobuf form and becomes a Kiln schema', () => {
    assert.deepEqual(decodeHclSpec(encodeHclSpec(spec)), spec);
    assert.deepEqual(specToSchema(spec), {
      attributes: {
        name: { type: 'string', required: true },
        size: { type: 'number' },
        enabled: { type: 'bool' },
        args: { type: 'list(list(string))' },
        tags: { type: 'map(string)' },
      },
      blocks: {
        disk: { nesting: 'single', body: { attributes: { size: { type: 'string' } } }, maxItems: 1 },
        label: { nesting: 'list', body: { attributes: { key: { type: 'string', required: true } } } },
      },
    });
  });

  it('sends the set attributes converted as cty converts them, blocks as maps and lists of maps', () => {
    const out = configToMap(spec, {
      name: 'n',
      size: '64',
      enabled: 'true',
      args: [['-m', 512]],
      tags: { a: 1 },
      disk: [{ size: 10 }],
      label: [{ key: 'x' }, { key: 'y' }],
      unset: undefined,
    });
    assert.deepEqual(out, {
      name: 'n',
      size: 64,
      enabled: true,
      args: [['-m', '512']],
      tags: { a: '1' },
      disk: { size: '10' },
      label: [{ key: 'x' }, { key: 'y' }],
    });
    assert.deepEqual(configToMap(spec, { name: 'n' }), { name: 'n' });
  });

  it('reports values that cannot be converted at their path', () => {
    assert.throws(
      () => configToMap(spec, { name: 'n', size: 'big', args: 'x' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.diagnostics.some((d) => d.path?.join('.') === 'size') &&
        e.diagnostics.some((d) => d.path?.join('.') === 'args'),
    );
  });

  it('splits a plugin’s multierror into one diagnostic per line', () => {
    assert.deepEqual(
      errorDiagnostics('2 errors occurred:\n\t* first\n\t* second\n\n').map((d) => d.summary),
      ['first', 'second'],
    );
    assert.deepEqual(
      errorDiagnostics('plain').map((d) => d.summary),
      ['plain'],
    );
  });

  it('decodes a data source’s cty msgpack value, dynamic parts included', () => {
    const type = (t: unknown) => new TextEncoder().encode(JSON.stringify(t));
    const bytes = encode([
      type(['object', { greeting: 'string', numbers: ['list', 'number'], extra: 'dynamic' }]),
      { greeting: 'hello', numbers: [1, '2.5'], extra: [type(['map', 'bool']), { on: true }] },
    ]);
    assert.deepEqual(decodeCtyMsgpack(bytes), { greeting: 'hello', numbers: [1, 2.5], extra: { on: true } });
  });
});
