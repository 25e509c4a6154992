import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { UserError } from '../../user-error.js';

/**
 * A path on disk; else a package name, `npm:<package>` or a required_plugins
 * source, looked up among the installed plugins (newest version) and the
 * first-party packages of a clone; else a package resolvable from here.
 */
async function locate(target: string): Promise<string> {
  if (existsSync(target)) return resolve(target);
  const core = await import('@kiln/core');
  let name = target;
  try {
    if (target.startsWith('npm:') || target.includes('/')) name = core.packageForSource(target);
  } catch {}
  const known = [...core.installedPlugins().plugins, ...core.workspacePlugins().plugins];
  const found = known.find((p) => p.name === name);
  if (found) return found.dir;
  try {
    return dirname(createRequire(join(process.cwd(), 'noop.js')).resolve(`${name}/package.json`));
  } catch {
    throw new UserError(`No plugin found for ${JSON.stringify(target)}.`, {
      suggestions: [
        'Give a plugin package directory (with a package.json "kiln" field) or a plugin executable,',
        'or a package name, npm:<package> or source (github.com/hashicorp/docker) of an installed plugin',
        '(see `kiln plugins installed`).',
      ],
    });
  }
}

function parseFixtures(values: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UserError(`-fixture ${v}: expected TYPE=FILE.json or TYPE='{"json": "object"}'.`);
    const type = v.slice(0, eq).replace(/^builder\//, '');
    const value = v.slice(eq + 1);
    let text = value;
    if (!value.trimStart().startsWith('{')) {
      try {
        text = readFileSync(value, 'utf8');
      } catch (e) {
        throw new UserError(`-fixture ${v}: cannot read ${value}: ${(e as Error).message}`);
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new UserError(`-fixture ${v}: not JSON: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UserError(`-fixture ${v}: the configuration must be a JSON object.`);
    }
    out[type] = parsed as Record<string, unknown>;
  }
  return out;
}

/** `kiln plugins check`: runs the conformance kit against a plugin and prints each check. */
export default class PluginsCheck extends Command {
  static override summary = 'Check that a plugin keeps the plugin contract.';
  static override description =
    "Runs the conformance kit against a plugin written in any language: the handshake, Describe and every component's schema, refusal of a wrong magic cookie and of unsupported protocol versions, token checks, the health service, cancellation and a crash in the middle of a builder's Run, exit when stdin closes, and leaked processes or sockets. Builders are run with the configuration given by -fixture (or the package's conformance/<type>.json); without one, the Run checks are reported as not run. Exits 0 only when every check passed (with -allow-not-run: when none failed), 1 otherwise.";
  static override examples = [
    'kiln plugins check ./examples/plugin-python',
    'kiln plugins check ./dist/main.js -fixture my-builder=fixture.json',
    'kiln plugins check github.com/hashicorp/docker -fixture \'docker={"image":"busybox","pull":false,"discard":true}\'',
  ];
  static override args = {
    plugin: Args.string({
      required: true,
      description: 'Plugin package directory, plugin executable, or installed source (npm:<package>).',
    }),
  };
  static override flags = {
    fixture: Flags.string({
      multiple: true,
      description:
        'Builder configuration for the Run checks: TYPE=FILE.json or TYPE=<JSON object>. Repeatable.',
    }),
    'start-timeout': Flags.integer({
      description: 'Milliseconds the plugin may take to handshake.',
      default: 15000,
    }),
    'allow-not-run': Flags.boolean({
      description: 'Exit 0 when no check failed, even if some could not run (no fixture).',
    }),
    json: Flags.boolean({ description: 'Print the report as JSON.' }),
    verbose: Flags.boolean({ description: "Show the plugin's stderr as the checks run." }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginsCheck);
    const dir = await locate(args.plugin);
    const fixtures = parseFixtures(flags.fixture ?? []);
    const kit = await import('@kiln/plugin-sdk/conformance');
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    const paint = (status: string, line: string) =>
      !color
        ? line
        : `\x1b[${status === 'pass' ? 32 : status === 'fail' ? 31 : 33}m${line.slice(0, 1)}\x1b[0m${line.slice(1)}`;
    let report: Awaited<ReturnType<typeof kit.runConformance>>;
    try {
      report = await kit.runConformance(dir, {
        fixtures,
        timeouts: { startMs: flags['start-timeout'] },
        ...(flags.verbose ? { log: (l: string) => process.stderr.write(`${l}\n`) } : {}),
        ...(flags.json
          ? {}
          : {
              onCheck: (c) => {
                const [first = '', ...rest] = kit.formatCheck(c);
                process.stdout.write(`${[paint(c.status, first), ...rest].join('\n')}\n`);
              },
            }),
      });
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`\n${kit.formatSummary(report)}\n`);
    const accepted = report.ok || (flags['allow-not-run'] && report.failed === 0);
    if (!accepted) process.exitCode = 1;
  }
}
