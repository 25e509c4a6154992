import type { Command, Config } from '@oclif/core';

/**
 * The single-word commands, run straight from their classes. oclif's own
 * route loads its Config first (the package, the command list sorted with
 * ICU's collator, the hooks), and Command.run loads it a second time: about
 * 30 ms of every start on a 2-core machine. These commands use nothing of
 * the Config but the name and version, and Kiln has no oclif hooks or
 * plugins. Help (`-h` or `--help` anywhere), the topics (`plugins`,
 * `cache`), `--version` and unknown commands still go through oclif.
 */
const DIRECT = new Set([
  'build',
  'cleanup',
  'console',
  'fmt',
  'hcl2_upgrade',
  'init',
  'inspect',
  'validate',
  'version',
]);

type CommandClass = (new (argv: string[], config: Config) => Command) & { id?: string };

/** The command `args` names and its own arguments, when it can run without oclif's Config. */
export function directCommand(args: readonly string[]): { id: string; argv: string[] } | undefined {
  const [id, ...argv] = args;
  if (id === undefined || !DIRECT.has(id)) return undefined;
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h')) return undefined;
  return { id, argv };
}

/** The part of oclif's Config that Command and its parser read. */
function minimalConfig(pjson: { name: string; version: string; oclif: { bin: string } }): Config {
  const config = {
    name: pjson.name,
    version: pjson.version,
    bin: pjson.oclif.bin,
    userAgent: `${pjson.name}/${pjson.version} ${process.platform}-${process.arch} node-${process.version}`,
    pjson,
    runHook: async () => ({ successes: [], failures: [] }),
    scopedEnvVar: () => undefined,
    scopedEnvVarKey: (k: string) => `KILN_${k}`,
    scopedEnvVarKeys: (k: string) => [`KILN_${k}`],
  };
  return config as unknown as Config;
}

/** Runs one of the direct commands with its class from `commands`. */
export async function runDirect(
  command: { id: string; argv: string[] },
  commands: Record<string, unknown>,
  pjson: { name: string; version: string; oclif: { bin: string } },
): Promise<void> {
  const Class = commands[command.id] as CommandClass;
  Class.id ??= command.id;
  const cmd = new Class(command.argv, minimalConfig(pjson));
  // What oclif's Command.run does once it has the Config.
  await (cmd as unknown as { _run(): Promise<unknown> })._run();
}
