import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as core from '@kiln/core';

const pluginDir = fileURLToPath(new URL('../../../examples/plugin-python/', import.meta.url));
const pkg = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'));

/** Runs a build of python-null with a shell-local provisioner through core; returns the output. */
async function buildWithPython(host: core.PluginHost): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-python-'));
  const starter = core.hostPluginStarter(host);
  const registry = new core.ComponentRegistry({
    builtins: core.loadBuiltins,
    discovery: () => ({
      plugins: [
        {
          name: pkg.name,
          version: pkg.version,
          dir: pluginDir,
          main: join(pluginDir, pkg.kiln.main),
          protocol: 1,
          components: pkg.kiln.components,
          origin: 'installed',
        },
      ],
      ignored: [],
    }),
    starter,
  });
  try {
    const marker = join(dir, 'provisioned');
    const template = join(dir, 'python.pkr.hcl');
    writeFileSync(
      template,
      `source "python-null" "hello" {\n  message = "Hello from Python"\n  labels  = { team = "images" }\n}\n\n` +
        `build {\n  sources = ["source.python-null.hello"]\n` +
        `  provisioner "shell-local" {\n    inline = ["echo provisioned > ${marker}"]\n  }\n}\n`,
    );
    const options = { vars: [], varFiles: [], only: [], except: [], env: process.env };
    const config = await core.loadConfig(template, options, registry);
    let out = '';
    const stream = {
      write: (t: string) => {
        out += t;
        return true;
      },
      isTTY: false,
    } as unknown as NodeJS.WriteStream;
    const sink = core.createOutput({ format: 'human', color: false, timestamps: false, stream });
    const prepared = await core.prepareBuilds(config.builds, registry, {
      runId: 'python-e2e',
      debug: false,
      force: false,
      onError: 'cleanup',
      templateDir: dir,
      userVariables: {},
    });
    const outcome = await core.runBuilds(prepared.builds, {
      sink,
      parallel: 0,
      debug: false,
      signal: new AbortController().signal,
    });
    assert.equal(outcome.exitCode, 0, out);
    assert.equal(readFileSync(marker, 'utf8').trim(), 'provisioned');

    const bad = join(dir, 'bad.pkr.hcl');
    writeFileSync(
      bad,
      'source "python-null" "x" {\n  mesage = "typo"\n}\nbuild { sources = ["source.python-null.x"] }\n',
    );
    await assert.rejects(core.loadConfig(bad, options, registry), (e: Error) => {
      assert.match(e.message, /mesage/);
      return true;
    });
    return out;
  } finally {
    await registry.shutdown();
    await host.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The Python plugin inside a real build: core's PluginHost starts it (its
 * main is an executable, started directly), the template is decoded against
 * its schema, its Ui messages reach the output, its provision hook runs the
 * template's shell-local provisioner, and its artifact is listed.
 */
test('a build with the Python plugin: schema, Ui, provision hook and artifact through core', async () => {
  const out = await buildWithPython(new core.PluginHost());
  assert.match(out, /==> python-null\.hello: Hello from Python/);
  assert.match(out, /python-null\.hello: Removing scratch directory/);
  assert.match(out, /python-null said: Hello from Python/);
});

test('the Python plugin in debug mode: core reattaches to it and it keeps running after the build', async () => {
  const child = spawn(join(pluginDir, pkg.kiln.main), [], {
    env: { ...process.env, KILN_PLUGIN_DEBUG: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let text = '';
    child.stdout.setEncoding('utf8');
    const value = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reattach line within 15 s: ${text}`)), 15_000);
      child.stdout.on('data', (c: string) => {
        text += c;
        const m = /export KILN_REATTACH_PLUGINS='(.*)'/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const out = await buildWithPython(new core.PluginHost({ env: { KILN_REATTACH_PLUGINS: value } }));
    assert.match(out, /==> python-null\.hello: Hello from Python/);
    assert.equal(child.exitCode, null, 'a reattached plugin is not stopped by core');
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<[null]>((r) => {
      timer = setTimeout(() => r([null]), 10_000);
    });
    const [code] = await Promise.race([exited, bound]);
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
    assert.equal(code, 0, 'Ctrl-C stops a plugin in debug mode cleanly');
  }
});
