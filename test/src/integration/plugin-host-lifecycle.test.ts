import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PluginHost } from '@kiln/core';
import { launchPlugin, type Progress } from '@kiln/plugin-sdk';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, PROTOCOL_VERSION } from '@kiln/proto';
import { fixturePluginMain, fixturePluginSpec } from '../fixtures/plugins/paths.js';

const build = {
  runId: 'r',
  buildName: 'b',
  builderType: 'local',
  debug: false,
  force: false,
  onError: 'cleanup' as const,
  templateDir: '.',
  userVariables: {},
};

test('a plugin exits when its stdin closes; dispose removes its socket directory', async () => {
  const p = await launchPlugin({
    name: 'kiln-test-local-builder',
    command: process.execPath,
    args: [fixturePluginMain('local-builder')],
    protocolVersions: [PROTOCOL_VERSION],
    startTimeoutMs: 10_000,
  });
  assert.ok(existsSync(p.handshake.address), 'the plugin listens on its socket');
  p.process.stdin!.end();
  const status = await Promise.race([
    p.exited,
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000)),
  ]);
  assert.deepEqual(status, { code: 0, signal: null });
  await p.dispose();
  assert.equal(existsSync(p.socketDir), false);
});

test('KILN_REATTACH_PLUGINS connects to a plugin started by hand with KILN_PLUGIN_DEBUG=1', async () => {
  const child = spawn(process.execPath, [fixturePluginMain('local-builder')], {
    env: { ...process.env, KILN_PLUGIN_DEBUG: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let out = '';
    child.stdout.setEncoding('utf8');
    const value = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reattach line; got ${out}`)), 10_000);
      child.stdout.on('data', (c: string) => {
        out += c;
        const m = /KILN_REATTACH_PLUGINS='([^']+)'/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const host = new PluginHost({
      env: { KILN_REATTACH_PLUGINS: value },
      logger: { enabled: false, log() {} },
    });
    try {
      const plugin = await host.start(fixturePluginSpec('local-builder'));
      assert.equal(plugin.process, undefined, 'nothing was spawned');
      assert.equal(plugin.description.name, 'kiln-test-local-builder');
      const prepared = await (await plugin.builder('local')).prepare({}, build);
      assert.deepEqual(prepared.generatedVariables, ['MachineDir']);
    } finally {
      await host.shutdown();
    }
    assert.equal(child.exitCode, null, 'a reattached plugin keeps running after kiln is done');
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
});

test('KILN_REATTACH_PLUGINS pointing at nothing gives an error naming the plugin and the variable', async () => {
  const value = JSON.stringify({
    'kiln-test-local-builder': { address: '/nonexistent/x.sock', token: 't', protocol: 1 },
  });
  const host = new PluginHost({
    env: { KILN_REATTACH_PLUGINS: value },
    logger: { enabled: false, log() {} },
  });
  try {
    await assert.rejects(
      host.start(fixturePluginSpec('local-builder')),
      /kiln-test-local-builder.*KILN_REATTACH_PLUGINS/s,
    );
  } finally {
    await host.shutdown();
  }
});

test('a plugin run by hand explains itself and exits 1', () => {
  const env = { ...process.env };
  delete env[MAGIC_COOKIE_KEY];
  const r = spawnSync(process.execPath, [fixturePluginMain('remote-shell')], {
    env,
    encoding: 'utf8',
    timeout: 10_000,
  });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /This is a Kiln plugin \(kiln-test-remote-shell 0\.0\.2\); run it through kiln/);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
});

test('no common protocol version: both sides are named, exit 1', () => {
  const env = {
    ...process.env,
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    KILN_PLUGIN_PROTOCOL_VERSIONS: '7,8',
  };
  const r = spawnSync(process.execPath, [fixturePluginMain('remote-shell')], {
    env,
    encoding: 'utf8',
    timeout: 10_000,
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /speaks plugin protocol 1, but kiln offered 7, 8/);
});

test('post-processors and data sources through the host: artifacts, progress, ask, destroy, output schema', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-pp-e2e-'));
  const host = new PluginHost({ logger: { enabled: false, log() {} } });
  try {
    const plugin = await host.start(fixturePluginSpec('local-builder'));
    const kinds = plugin.description.components.map((c) => `${c.kind}:${c.type}`).sort();
    assert.deepEqual(kinds, ['builder:local', 'data-source:local-echo', 'post-processor:local-manifest']);
    const set = await plugin.componentSet();
    assert.deepEqual(Object.keys(set.postProcessors ?? {}), ['local-manifest']);

    const progress: Progress[] = [];
    const questions: string[] = [];
    const ui = {
      say() {},
      message() {},
      error() {},
      progress: (p: Progress) => progress.push(p),
      ask: async (q: string) => {
        questions.push(q);
        return 'sure';
      },
    };
    const pp = await plugin.postProcessor('local-manifest');
    assert.equal(pp.schema.attributes.output?.required, true);
    const output = join(dir, 'manifest.json');
    const configured = await pp.configure({ output, ask: true }, build);
    const input = {
      builderId: 'kiln.test.local',
      id: 'machine-1',
      files: [],
      description: 'in',
      state: { a: 1 },
    };
    const result = await configured.postProcess(
      { ui, signal: new AbortController().signal, sessionId: '' },
      input,
    );
    assert.equal(result.keep, true);
    assert.deepEqual(result.artifact?.state, { source: 'machine-1' });
    assert.deepEqual(result.artifact?.producer, { kind: 'post-processor', type: 'local-manifest' });
    assert.deepEqual(JSON.parse(await readFile(output, 'utf8')), { id: 'machine-1', answer: 'sure' });
    assert.deepEqual(questions, ['Write the manifest?']);
    assert.deepEqual(
      progress.map((p) => [p.current, p.total, p.done ?? false]),
      [
        [1, 2, false],
        [2, 2, true],
      ],
    );
    await pp.destroyArtifact?.(result.artifact!);
    assert.equal(await readFile(`${output}.destroyed`, 'utf8'), 'yes');

    const ds = await plugin.dataSource('local-echo');
    assert.deepEqual(ds.outputSchema, { attributes: { upper: { type: 'string' } } });
    const prepared = await ds.configure({ text: 'hello' }, build);
    assert.deepEqual(await prepared.execute(new AbortController().signal), { upper: 'HELLO' });
    await assert.rejects(ds.configure({}, build), /Missing required argument "text"/);
  } finally {
    await host.shutdown();
    await rm(dir, { recursive: true, force: true });
  }
});
