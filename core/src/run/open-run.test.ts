import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { BuildContext, ComponentSet, DataSource, Provisioner } from '@kiln/plugin-sdk';
import { recordingSink } from '../build/fakes.test-helper.js';
import type { PluginStarter } from '../components/registry.js';
import { TemplateError } from '../config/source-range.js';
import { openRun } from './open-run.js';
import type { RunOptions } from './run-options.js';

/** What the fake plugin's components saw. */
interface Seen {
  provisioner?: { config: Record<string, unknown>; context: BuildContext };
  dataSource?: BuildContext;
  executed?: boolean;
}

/** A plugin package served in-process: a "record" provisioner and an "echo" data source. */
function fakePlugin(seen: Seen): { options: RunOptions['components']; calls: string[] } {
  const calls: string[] = [];
  const record: Provisioner = {
    schema: { attributes: { secret: { type: 'string', sensitive: true } } },
    async prepare(config, context) {
      seen.provisioner = { config, context };
      return {
        async provision({ ui }) {
          ui.say(`secret is ${config.secret}`);
        },
      };
    },
  };
  const echo: DataSource = {
    schema: { attributes: { value: { type: 'string' } } },
    outputSchema: { attributes: { value: { type: 'string' } } },
    async configure(config, context) {
      seen.dataSource = context;
      return {
        execute: async () => {
          seen.executed = true;
          return { value: config.value };
        },
      };
    },
  };
  const set: ComponentSet = { provisioners: { record }, dataSources: { echo } };
  const starter: PluginStarter = {
    async start(pkg) {
      calls.push(`start ${pkg.name}`);
      return set;
    },
    async shutdown(force) {
      calls.push(force ? 'kill' : 'shutdown');
    },
  };
  const pkg = {
    name: 'kiln-fake',
    version: '1.0.0',
    dir: '/nonexistent',
    main: '/nonexistent/main.js',
    protocol: 1,
    components: { provisioner: ['record'], 'data-source': ['echo'] },
    origin: 'installed' as const,
  };
  return { options: { starter, discovery: () => ({ plugins: [pkg], ignored: [] }) }, calls };
}

const TEMPLATE = `variable "secret" {
  type      = string
  sensitive = true
}
data "echo" "greeting" {
  value = "hello"
}
source "null" "a" {
  communicator = "none"
}
build {
  sources = ["source.null.a"]
  provisioner "record" {
    secret = "\${var.secret}-\${data.echo.greeting.value}"
  }
}
`;

describe('openRun: the run facade', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-open-run-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('components receive the sensitive value; the run masks it in output', async () => {
    await writeFile(join(dir, 't.pkr.hcl'), TEMPLATE);
    const seen: Seen = {};
    const plugin = fakePlugin(seen);
    const run = await openRun(join(dir, 't.pkr.hcl'), {
      vars: [['secret', 'p4ss']],
      env: {},
      debug: false,
      onError: 'abort',
      runId: 'r1',
      components: plugin.options,
    });
    assert.deepEqual(await run.validate(), []);
    assert.equal(seen.provisioner?.config.secret, 'p4ss-hello');
    assert.deepEqual(seen.provisioner?.context.userVariables, { secret: 'p4ss' });
    assert.equal(seen.provisioner?.context.runId, 'r1');
    assert.equal(seen.provisioner?.context.onError, 'abort');
    assert.equal(run.mask('the secret p4ss'), 'the secret <sensitive>');
    const sink = recordingSink();
    const outcome = await run.build(sink);
    assert.equal(outcome.exitCode, 0);
    assert.ok(
      sink.lines().some((l) => l.includes('secret is p4ss-hello')),
      'the sink gets the raw line',
    );
    // The attribute is sensitive in its schema: its whole value is masked too.
    assert.equal(run.mask('secret is p4ss-hello'), 'secret is <sensitive>');
    await run[Symbol.asyncDispose]();
    assert.deepEqual(plugin.calls, ['start kiln-fake', 'shutdown']);
  });

  it('data sources run while loading, with the run id and the build policy', async () => {
    await writeFile(join(dir, 't.pkr.hcl'), TEMPLATE);
    const seen: Seen = {};
    await using run = await openRun(join(dir, 't.pkr.hcl'), {
      vars: [['secret', 'x']],
      env: {},
      force: true,
      runId: 'r2',
      components: fakePlugin(seen).options,
    });
    assert.equal(seen.dataSource?.runId, 'r2');
    assert.equal(seen.dataSource?.force, true);
    assert.equal(seen.dataSource?.templateDir, dir);
    assert.equal(run.runId, 'r2');
  });

  it('without data source evaluation, data sources are configured (checked) but not executed', async () => {
    await writeFile(join(dir, 't.pkr.hcl'), TEMPLATE);
    const seen: Seen = {};
    await using run = await openRun(join(dir, 't.pkr.hcl'), {
      vars: [['secret', 'x']],
      env: {},
      evaluateDataSources: false,
      components: fakePlugin(seen).options,
    });
    assert.equal(seen.executed, undefined);
    assert.equal(seen.dataSource?.templateDir, dir, 'configured, as Packer 1.16 validate does');
    assert.equal(run.config.builds.length, 1);
  });

  it('syntax-only: no component is looked up, no plugin starts', async () => {
    await writeFile(join(dir, 't.pkr.hcl'), TEMPLATE.replace('"record"', '"nowhere"'));
    const plugin = fakePlugin({});
    await using run = await openRun(join(dir, 't.pkr.hcl'), {
      env: {},
      syntaxOnly: true,
      components: plugin.options,
    });
    assert.equal(run.config.variables[0]?.display, '<sensitive>');
    assert.deepEqual(plugin.calls, []);
  });

  it('a template error stops the plugins that loading started, then is thrown', async () => {
    await writeFile(
      join(dir, 't.pkr.hcl'),
      TEMPLATE.replace('secret = "${var.secret}-${data.echo.greeting.value}"', 'unknown_attr = 1'),
    );
    const plugin = fakePlugin({});
    await assert.rejects(
      openRun(join(dir, 't.pkr.hcl'), { vars: [['secret', 'x']], env: {}, components: plugin.options }),
      (e: unknown) => e instanceof TemplateError && /unknown_attr/.test(JSON.stringify(e.diagnostics)),
    );
    assert.deepEqual(plugin.calls, ['start kiln-fake', 'shutdown']);
  });

  it('shutdown(true) kills the plugins', async () => {
    await writeFile(join(dir, 't.pkr.hcl'), TEMPLATE);
    const plugin = fakePlugin({});
    const run = await openRun(join(dir, 't.pkr.hcl'), {
      vars: [['secret', 'x']],
      env: {},
      components: plugin.options,
    });
    await run.shutdown(true);
    assert.deepEqual(plugin.calls, ['start kiln-fake', 'kill']);
  });
});
