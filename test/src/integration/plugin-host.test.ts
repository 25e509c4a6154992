import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Logger, PluginCrashedError, PluginHost, type RemotePlugin } from '@kiln/core';
import {
  type BuildContext,
  CancelledError,
  type Communicator,
  type Hook,
  PluginStartError,
  rpc,
  type Ui,
} from '@kiln/plugin-sdk';
import { RecordingUi } from '@kiln/plugin-sdk/testing';
import { fixturePluginSpec } from '../fixtures/plugins/paths.js';

const build: BuildContext = {
  runId: 'run-1',
  buildName: 'test.local.a',
  builderType: 'local',
  debug: false,
  force: false,
  onError: 'cleanup',
  templateDir: process.cwd(),
  userVariables: {},
};

const quietLogger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  return { enabled: true, lines, log: (source, message) => lines.push(`${source}: ${message}`) };
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return cond();
}

let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'kiln-plugin-host-e2e-'));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Starts both fixture plugins in a fresh host; each test shuts it down. */
async function startBoth(env?: Record<string, string>) {
  const logger = quietLogger();
  const socketParent = await mkdtemp(join(work, 'sockets-'));
  const host = new PluginHost({ logger, socketParent, startTimeoutMs: 10_000 });
  const [builderPlugin, shellPlugin] = await Promise.all([
    host.start(fixturePluginSpec('local-builder', env)),
    host.start(fixturePluginSpec('remote-shell', env)),
  ]);
  return { host, logger, socketParent, builderPlugin, shellPlugin };
}

async function provisionHook(
  shellPlugin: RemotePlugin,
  config: Record<string, unknown>,
  ui: Ui,
  seen: { dir?: string; communicator?: Communicator },
): Promise<Hook> {
  const prepared = await (await shellPlugin.provisioner('remote-shell')).prepare(config, build);
  return {
    async run(name, communicator, generatedData, signal) {
      assert.equal(name, 'provision');
      assert.ok(communicator);
      seen.dir = String(generatedData.MachineDir);
      seen.communicator = communicator;
      await prepared.provision({ ui, signal, sessionId: '', communicator, generatedData });
    },
  };
}

describe('plugin host: a builder in one plugin, a provisioner in another', () => {
  for (const mode of ['local paths', 'chunks'] as const) {
    test(`commands, exit status and file round trips through core's proxy (${mode})`, async () => {
      const env = mode === 'chunks' ? { KILN_PLUGIN_TRANSFER: 'chunked' } : undefined;
      const { host, socketParent, builderPlugin, shellPlugin } = await startBoth(env);
      const pids = [builderPlugin.process!.pid, shellPlugin.process!.pid];
      try {
        const src = join(work, `src-${mode}`);
        const back = join(work, `back-${mode}`);
        await mkdir(join(src, 'tree', 'sub'), { recursive: true });
        await mkdir(back);
        const big = Buffer.alloc(300 * 1024, 'k');
        await writeFile(join(src, 'big.bin'), big);
        await writeFile(join(src, 'tree', 'sub', 'leaf.txt'), 'leaf');
        const ui = new RecordingUi();
        const seen: { dir?: string } = {};
        const hook = await provisionHook(
          shellPlugin,
          {
            inline: ['echo "hello from $(basename $PWD)"', 'cat up/big.bin | wc -c', 'ls tree-up/sub'],
            stream_uploads: mode === 'chunks',
            transfers: [
              { direction: 'upload', source: join(src, 'big.bin'), destination: 'up/big.bin' },
              { direction: 'upload-dir', source: join(src, 'tree'), destination: 'tree-up' },
              { direction: 'download', source: 'up/big.bin', destination: join(back, 'big.bin') },
              { direction: 'download-dir', source: 'tree-up', destination: join(back, 'tree') },
            ],
          },
          ui,
          seen,
        );
        const builder = await builderPlugin.builder('local');
        const prepared = await builder.prepare({}, build);
        assert.deepEqual(prepared.generatedVariables, ['MachineDir']);
        const artifact = await prepared.run({
          ui,
          hook,
          signal: new AbortController().signal,
          sessionId: '',
          build,
        });
        assert.equal(artifact?.builderId, 'kiln.test.local');
        assert.deepEqual(artifact?.producer, { kind: 'builder', type: 'local' });
        assert.ok(seen.dir);
        assert.ok(ui.lines.some((l) => l.startsWith('    hello from kiln-local-builder-')));
        assert.ok(ui.lines.includes(`    ${big.length}`), ui.lines.join('\n'));
        assert.ok(ui.lines.includes('    leaf.txt'));
        assert.ok(ui.lines.includes(`==> Removed machine directory ${seen.dir}`), ui.lines.join('\n'));
        assert.ok((await readFile(join(back, 'big.bin'))).equals(big));
        assert.equal(await readFile(join(back, 'tree', 'sub', 'leaf.txt'), 'utf8'), 'leaf');
        assert.equal(existsSync(seen.dir), false, 'the builder removed its machine directory');
      } finally {
        await host.shutdown();
      }
      for (const pid of pids) assert.equal(await waitFor(() => !alive(pid), 3000), true, `pid ${pid} exited`);
      assert.deepEqual(await readdir(socketParent), [], 'no socket directory is left');
    });
  }

  test('a non-zero exit status fails the provisioner, the build fails and cleans up', async () => {
    const { host, builderPlugin, shellPlugin } = await startBoth();
    try {
      const ui = new RecordingUi();
      const seen: { dir?: string } = {};
      const hook = await provisionHook(shellPlugin, { inline: ['echo failing >&2; exit 3'] }, ui, seen);
      const prepared = await (await builderPlugin.builder('local')).prepare({}, build);
      await assert.rejects(
        prepared.run({ ui, hook, signal: new AbortController().signal, sessionId: '', build }),
        /non-zero exit status: 3/,
      );
      assert.ok(ui.lines.includes('!!! failing'));
      assert.equal(existsSync(seen.dir!), false);
    } finally {
      await host.shutdown();
    }
  });

  test('configuration errors come back as diagnostics with attribute paths', async () => {
    const { host, builderPlugin } = await startBoth();
    try {
      const builder = await builderPlugin.builder('local');
      assert.equal(builder.schema.attributes.hold_ms?.type, 'number');
      await assert.rejects(
        builder.prepare({ hold_ms: 'soon', colour: 1 }, build),
        (e: Error & { diagnostics?: unknown[] }) => {
          assert.equal(e.name, 'ConfigError');
          assert.equal(e.diagnostics?.length, 2);
          return true;
        },
      );
    } finally {
      await host.shutdown();
    }
  });

  test('cancelling Run rejects promptly and the builder still cleans up', async () => {
    const { host, builderPlugin, shellPlugin } = await startBoth();
    try {
      const ui = new RecordingUi();
      const seen: { dir?: string } = {};
      const hook = await provisionHook(shellPlugin, { inline: ['true'] }, ui, seen);
      const prepared = await (await builderPlugin.builder('local')).prepare({ hold_ms: 60_000 }, build);
      const ac = new AbortController();
      const run = prepared.run({ ui, hook, signal: ac.signal, sessionId: '', build });
      assert.ok(await waitFor(() => seen.dir !== undefined, 5000));
      await new Promise((r) => setTimeout(r, 200));
      const t0 = Date.now();
      ac.abort();
      await assert.rejects(run, CancelledError);
      assert.ok(Date.now() - t0 < 1000, 'Run rejected promptly');
      assert.ok(await waitFor(() => !existsSync(seen.dir!), 5000), 'cleanup removed the machine directory');
    } finally {
      await host.shutdown();
    }
  });

  test('cancelling during a provisioner command cancels it across both processes', async () => {
    const { host, builderPlugin, shellPlugin } = await startBoth();
    try {
      const ui = new RecordingUi();
      const seen: { dir?: string } = {};
      const hook = await provisionHook(shellPlugin, { inline: ['echo started; exec sleep 31.7'] }, ui, seen);
      const prepared = await (await builderPlugin.builder('local')).prepare({}, build);
      const ac = new AbortController();
      const run = prepared.run({ ui, hook, signal: ac.signal, sessionId: '', build });
      assert.ok(await waitFor(() => ui.lines.includes('    started'), 5000), ui.lines.join('\n'));
      const t0 = Date.now();
      ac.abort();
      await assert.rejects(run, CancelledError);
      assert.ok(Date.now() - t0 < 1000, 'Run rejected promptly');
      const sleeping = () => execFileSync('ps', ['-eo', 'args']).toString().includes('sleep 31.7');
      assert.ok(await waitFor(() => !sleeping(), 5000), 'the remote command was stopped');
      assert.ok(await waitFor(() => !existsSync(seen.dir!), 5000), 'cleanup removed the machine directory');
    } finally {
      await host.shutdown();
    }
  });

  test('kill -9 of a plugin mid-Run: PluginCrashedError with name, version, signal and stderr', async () => {
    const { host, builderPlugin, shellPlugin } = await startBoth();
    try {
      const ui = new RecordingUi();
      const seen: { dir?: string } = {};
      const hook = await provisionHook(shellPlugin, { inline: ['true'] }, ui, seen);
      const prepared = await (await builderPlugin.builder('local')).prepare({ hold_ms: 60_000 }, build);
      const run = prepared.run({ ui, hook, signal: new AbortController().signal, sessionId: '', build });
      assert.ok(
        await waitFor(() => builderPlugin.process!.stderrTail().some((l) => l.startsWith('holding')), 5000),
      );
      const t0 = Date.now();
      process.kill(builderPlugin.process!.pid, 'SIGKILL');
      await assert.rejects(run, (e) => {
        assert.ok(e instanceof PluginCrashedError, String(e));
        assert.match(e.message, /kiln-test-local-builder" 0\.0\.1/);
        assert.match(e.message, /signal SIGKILL/);
        assert.match(e.message, /holding for 60000 ms/);
        return true;
      });
      // Reported when the process dies, not when the 60 s hold would have ended.
      assert.ok(Date.now() - t0 < 30_000, `reported after ${Date.now() - t0} ms`);
      if (seen.dir) await rm(seen.dir, { recursive: true, force: true });
    } finally {
      await host.shutdown();
    }
  });

  test('an uncaught error in a plugin fails the call with the crash, not a hang', async () => {
    const { host, builderPlugin, shellPlugin } = await startBoth();
    try {
      const ui = new RecordingUi();
      const seen: { dir?: string } = {};
      const hook = await provisionHook(shellPlugin, { inline: ['true'] }, ui, seen);
      const prepared = await (await builderPlugin.builder('local')).prepare(
        { hold_ms: 60_000, crash: true },
        build,
      );
      await assert.rejects(
        prepared.run({ ui, hook, signal: new AbortController().signal, sessionId: '', build }),
        (e) => {
          assert.match(String(e), /simulated bug in the builder/);
          return true;
        },
      );
      assert.ok(await waitFor(() => builderPlugin.process!.exitStatus() !== undefined, 3000));
      assert.equal(builderPlugin.process!.exitStatus()?.code, 2);
      if (seen.dir) await rm(seen.dir, { recursive: true, force: true });
    } finally {
      await host.shutdown();
    }
  });

  test('calls without the right token are refused, on the plugin and on core', async () => {
    const { host, builderPlugin } = await startBoth();
    try {
      const targets = [`unix:${builderPlugin.process!.handshake.address}`, await host.coreAddress()];
      for (const target of targets) {
        const channel = rpc.openChannel(target);
        try {
          for (const token of ['', 'not-the-token', builderPlugin.process!.token.replace(/.$/, 'x')]) {
            await assert.rejects(rpc.checkHealth({ channel, token }), /kiln-token/);
          }
        } finally {
          channel.close();
        }
      }
      const channel = rpc.openChannel(targets[0]!);
      assert.equal(await rpc.checkHealth({ channel, token: builderPlugin.process!.token }), true);
      channel.close();
    } finally {
      await host.shutdown();
    }
  });
});

describe('plugin host: plugins that do not start', () => {
  const broken = (name: string, body: string) => ({
    name,
    version: '9.9.9',
    command: process.execPath,
    args: ['-e', body],
  });

  test('garbage before the handshake, early exit, never handshakes', async () => {
    // Generous for the plugins that fail on their own (a busy machine starts
    // node slowly); short only for the one that never handshakes.
    const host = new PluginHost({ logger: quietLogger(), startTimeoutMs: 30_000 });
    const impatient = new PluginHost({ logger: quietLogger(), startTimeoutMs: 700 });
    try {
      await assert.rejects(
        host.start(broken('chatty', 'console.log("Welcome!"); setInterval(() => {}, 1000)')),
        (e) => {
          assert.ok(e instanceof PluginStartError);
          assert.match(e.message, /plugin "chatty" 9\.9\.9/);
          assert.match(e.message, /"Welcome!"/);
          return true;
        },
      );
      await assert.rejects(
        host.start(broken('quitter', 'console.error("no docker here"); process.exit(4)')),
        (e) => {
          assert.ok(e instanceof PluginStartError);
          assert.match(e.message, /exit code 4/);
          assert.match(e.message, /no docker here/);
          return true;
        },
      );
      await assert.rejects(impatient.start(broken('sleeper', 'setInterval(() => {}, 1000)')), (e) => {
        assert.ok(e instanceof PluginStartError);
        assert.match(e.message, /within 700 ms/);
        assert.match(e.message, /KILN_PLUGIN_START_TIMEOUT/);
        return true;
      });
    } finally {
      await host.shutdown();
      await impatient.shutdown();
    }
  });
});
