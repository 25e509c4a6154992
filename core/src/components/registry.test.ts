import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ComponentSet, Provisioner } from '@kiln/plugin-sdk';
import { PROTOCOL_VERSION } from '@kiln/proto';
import { TemplateError } from '../config/source-range.js';
import { PLUGIN_PROTOCOL } from './protocol.js';
import { ComponentRegistry } from './registry.js';
import { workspacePlugins } from './workspace-plugins.js';

const shell: Provisioner = {
  schema: { attributes: { inline: { type: 'list(string)' } } },
  prepare: async () => ({ provision: async () => {} }),
};

function fakeRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'kiln-reg-'));
  const pkg = (dir: string, json: unknown, main?: string) => {
    mkdirSync(join(root, 'plugins', dir, 'dist'), { recursive: true });
    writeFileSync(join(root, 'plugins', dir, 'package.json'), JSON.stringify(json));
    if (main) writeFileSync(join(root, 'plugins', dir, main), '');
  };
  pkg(
    'docker',
    {
      name: '@kiln/plugin-docker',
      version: '1.2.3',
      kiln: {
        protocol: 1,
        main: 'dist/main.js',
        components: { builder: ['docker'], 'post-processor': ['docker-tag'] },
      },
    },
    'dist/main.js',
  );
  pkg('qemu', { name: '@kiln/plugin-qemu', version: '0.1.0' });
  pkg('amazon', {
    name: '@kiln/plugin-amazon',
    version: '0.1.0',
    kiln: { protocol: 9, main: 'dist/main.js' },
  });
  mkdirSync(join(root, 'plugins', 'stray'), { recursive: true });
  writeFileSync(join(root, 'plugins', 'stray', 'package.json'), '{"name":"stray","kiln":{"protocol":1}}');
  return root;
}

test('the protocol constant matches the contract package', () => {
  assert.equal(PLUGIN_PROTOCOL, PROTOCOL_VERSION);
});

test('workspace discovery reads the known first-party packages and says why it ignored some', () => {
  const root = fakeRepo();
  try {
    const d = workspacePlugins(root);
    assert.deepEqual(
      d.plugins.map((p) => p.name),
      ['@kiln/plugin-docker'],
    );
    assert.deepEqual(d.plugins[0]?.components, { builder: ['docker'], 'post-processor': ['docker-tag'] });
    assert.deepEqual(
      d.ignored.map((i) => [i.name, i.reason]),
      [
        ['@kiln/plugin-qemu', 'package.json has no "kiln" field'],
        ['@kiln/plugin-amazon', 'speaks plugin protocol 9, this kiln speaks 1'],
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('types resolve to built-ins first, then plugins started once', async () => {
  const root = fakeRepo();
  let starts = 0;
  const served: ComponentSet = {
    builders: {
      docker: { schema: { attributes: {} }, prepare: async () => ({ run: async () => undefined }) },
    },
  };
  const reg = new ComponentRegistry({
    builtins: async () => ({ provisioners: { shell } }),
    discovery: () => workspacePlugins(root),
    starter: {
      start: async () => {
        starts++;
        return served;
      },
      shutdown: async () => {},
    },
  });
  try {
    assert.equal(await reg.provisioner('shell'), shell);
    assert.ok(await reg.schemaFor('builder', 'docker'));
    await reg.builder('docker');
    assert.equal(starts, 1);
    await assert.rejects(
      reg.postProcessor('docker-tag'),
      /declares post-processor "docker-tag" but does not serve it/,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an unknown type names itself, what exists, and kiln init when required_plugins would provide it', async () => {
  const root = fakeRepo();
  const reg = new ComponentRegistry({
    builtins: async () => ({ provisioners: { shell } }),
    discovery: () => workspacePlugins(root),
    requiredPlugins: [{ name: 'ansible', source: 'github.com/hashicorp/ansible', version: '>= 1.0' }],
  });
  const range = {
    filename: 't.pkr.hcl',
    start: { line: 3, column: 1, byte: 0 },
    end: { line: 3, column: 9, byte: 8 },
  };
  try {
    assert.equal(await reg.schemaFor('provisioner', 'ansible'), undefined);
    await assert.rejects(reg.provisioner('ansible', range), (e: unknown) => {
      assert.ok(e instanceof TemplateError);
      const d = e.diagnostics[0]!;
      assert.equal(d.summary, 'Unknown provisioner type "ansible"');
      assert.equal(d.range?.start.line, 3);
      assert.match(d.detail ?? '', /run `kiln init`/);
      assert.match(d.detail ?? '', /Built-in provisioners: shell\./);
      return true;
    });
    await assert.rejects(reg.builder('nope'), (e: TemplateError) =>
      /Plugin @kiln\/plugin-docker 1.2.3 offers builders: docker/.test(e.diagnostics[0]?.detail ?? ''),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
