import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ENV_SOCKET_DIR } from '@kiln/proto';
import { processesWithEnv } from '../conformance/process-tree.js';
import { prestartTemplate } from './prestart.js';

test('only build and validate of an existing template, without -syntax-only or help, prestart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-prestart-args-'));
  try {
    const t = join(dir, 'a.pkr.hcl');
    writeFileSync(t, '');
    assert.equal(prestartTemplate(['build', t], {}), t);
    assert.equal(prestartTemplate(['validate', '-var', 'x=1', t], {}), t);
    assert.equal(prestartTemplate(['validate', dir], {}), dir);
    assert.equal(prestartTemplate(['validate', '-syntax-only', t], {}), undefined);
    assert.equal(prestartTemplate(['build', '-h', t], {}), undefined);
    assert.equal(prestartTemplate(['build', t, '-debug'], {}), undefined);
    assert.equal(prestartTemplate(['inspect', t], {}), undefined);
    assert.equal(prestartTemplate(['build', join(dir, 'missing.json')], {}), undefined);
    assert.equal(prestartTemplate(['build', t], { KILN_PRESTART: '0' }), undefined);
    assert.equal(prestartTemplate(['build', t], { KILN_REATTACH_PLUGINS: '{}' }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A plugin that records its label, pid and start time, handshakes and waits
 * for its stdin to close.
 */
const PLUGIN = `
const fs = require('node:fs'), path = require('node:path');
const [out, label] = process.argv.slice(2);
fs.appendFileSync(out, label + ' ' + process.pid + ' ' + Date.now() + '\\n');
process.stdout.write('1|1|unix|' + path.join(process.env.${ENV_SOCKET_DIR}, 'p.sock') + '|grpc\\n');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

/** A kiln-like process: prestarts for the template, waits, launches the plugins named, exits. */
const RUNNER = `
const [prestart, launch, template, pluginFile, out, ...labels] = process.argv.slice(2);
const { prestartPlugins } = await import(prestart);
prestartPlugins(['build', template]);
const { launchPlugin } = await import(launch);
await new Promise((r) => setTimeout(r, 400));
for (const label of labels) {
  const at = Date.now();
  const p = await launchPlugin({ name: label, version: '1.0.0', command: process.execPath,
    args: [pluginFile, out, label], protocolVersions: [1], startTimeoutMs: 10000 });
  console.log(label + ' ' + p.pid + ' ' + at);
  await p.dispose();
}
`;

function run(dir: string, env: NodeJS.ProcessEnv, template: string, out: string, labels: string[]): string {
  const pluginFile = join(dir, 'plugin.cjs');
  const runner = join(dir, 'runner.mjs');
  writeFileSync(pluginFile, PLUGIN);
  writeFileSync(runner, RUNNER);
  const urls = ['./prestart.js', './launch.js'].map((f) => new URL(f, import.meta.url).href);
  return execFileSync(process.execPath, [runner, ...urls, template, pluginFile, out, ...labels], {
    env,
    encoding: 'utf8',
  });
}

test('a process prestarted from the last run’s hint is taken over; one no longer launched is killed at exit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-prestart-'));
  try {
    const socketParent = join(dir, 'sockets');
    mkdirSync(socketParent);
    const template = join(dir, 'template.pkr.hcl');
    writeFileSync(template, '');
    const out = join(dir, 'starts.log');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KILN_CACHE_DIR: join(dir, 'cache'),
      TMPDIR: socketParent,
    };
    delete env.KILN_PRESTART;
    const starts = () =>
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' '));

    // First run: no hint, the plugin starts when launched; the hint records it.
    run(dir, env, template, out, ['alpha']);
    const [hint] = readdirSync(join(dir, 'cache', 'prestart'));
    const recorded = JSON.parse(readFileSync(join(dir, 'cache', 'prestart', hint!), 'utf8'));
    assert.deepEqual(
      recorded.plugins.map((p: { name: string; socketParent: string }) => [p.name, p.socketParent]),
      [['alpha', socketParent]],
    );

    // Second run: alpha starts before core asks for it, and that process is the one launched.
    writeFileSync(out, '');
    const launched = run(dir, env, template, out, ['alpha']).trim().split(' ');
    const [[label, pid, startedAt]] = starts() as [string[]];
    assert.equal(label, 'alpha');
    assert.equal(pid, launched[1], 'the launched plugin is the prestarted process');
    assert.ok(Number(startedAt) < Number(launched[2]), 'it started before it was launched');

    // Third run launches beta only: the prestarted alpha is killed and its socket directory removed.
    writeFileSync(out, '');
    run(dir, env, template, out, ['beta']);
    const byLabel = new Map(starts().map(([l, p]) => [l!, Number(p)]));
    assert.ok(byLabel.has('alpha'), 'alpha was prestarted');
    assert.ok(
      !processesWithEnv(`KILN_CACHE_DIR=${join(dir, 'cache')}`).some((p) => p.pid === byLabel.get('alpha')),
      'the unused prestarted plugin is not running',
    );
    assert.deepEqual(readdirSync(socketParent), [], 'no socket directory is left');
    const next = JSON.parse(readFileSync(join(dir, 'cache', 'prestart', hint!), 'utf8'));
    assert.deepEqual(
      next.plugins.map((p: { name: string }) => p.name),
      ['beta'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
