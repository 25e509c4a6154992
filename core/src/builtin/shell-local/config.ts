import { existsSync } from 'node:fs';
import type { BuildContext, ConfigSchema } from '@kiln/plugin-sdk';
import { decodeBuiltin, nonEmpty } from '../shared/config.js';
import { checkEnvVars } from '../shared/env-vars.js';

/** The decoded body shared by the shell-local provisioner and post-processor. */
export interface ShellLocalConfig {
  command?: string;
  inline?: string[];
  script?: string;
  scripts?: string[];
  environment_vars: string[];
  env: Record<string, string>;
  execute_command: string[];
  inline_shebang: string;
  only_on?: string[];
  valid_exit_codes: number[];
  use_linux_pathing: boolean;
  tempfile_extension?: string;
  env_var_format?: string;
}

/** What a validated shell-local configuration runs. */
export interface ShellLocalPlan {
  cfg: ShellLocalConfig;
  /** Local scripts to run, in order (empty when inline). */
  scripts: string[];
  /** Inline commands (command becomes one inline line). */
  inline: string[] | undefined;
  envVarFormat: string;
  build: BuildContext;
}

/** OS names only_on accepts (Go's GOOS names). */
export const SUPPORTED_OS = ['darwin', 'freebsd', 'linux', 'openbsd', 'solaris', 'windows'];

/** Schema of shell-local (provisioner and post-processor). */
export const shellLocalSchema: ConfigSchema = {
  description: 'Runs commands or scripts on the machine running Kiln.',
  attributes: {
    command: { type: 'string', description: 'One command to run (same as a one-line inline).' },
    inline: {
      type: 'list(string)',
      description: 'Commands, written to a temporary script headed by inline_shebang.',
    },
    script: { type: 'string', description: 'Path of a local script to run.' },
    scripts: { type: 'list(string)', description: 'Paths of local scripts, run in order.' },
    environment_vars: { type: 'list(string)', default: [], description: '"KEY=value" pairs for {{.Vars}}.' },
    env: { type: 'map(string)', default: {}, description: 'Environment variables as a map.' },
    execute_command: {
      type: 'list(string)',
      default: ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'],
      description: 'The argv that runs each script; {{.Vars}}, {{.Script}} and {{.Command}} are substituted.',
    },
    inline_shebang: { type: 'string', default: '/bin/sh -e', description: 'Shebang of inline scripts.' },
    only_on: { type: 'list(string)', description: `Run only on these OSes (${SUPPORTED_OS.join(', ')}).` },
    valid_exit_codes: { type: 'list(number)', default: [0], description: 'Exit codes counted as success.' },
    use_linux_pathing: {
      type: 'bool',
      default: false,
      description: 'Windows Subsystem for Linux paths; ignored.',
    },
    tempfile_extension: { type: 'string', description: 'Extension of the temporary inline script.' },
    env_var_format: { type: 'string', description: `printf format of each variable; default "%s='%s' ".` },
  },
};

/** Validates a shell-local body; throws ConfigError with every problem found. */
export function prepareShellLocal(raw: Record<string, unknown>, build: BuildContext): ShellLocalPlan {
  const { cfg, diags } = decodeBuiltin<ShellLocalConfig>(shellLocalSchema, raw);
  const inlineGiven = (cfg.inline?.length ?? 0) > 0;
  const scriptsGiven = (cfg.scripts?.length ?? 0) > 0;
  const given = [
    cfg.command ? 'command' : '',
    inlineGiven ? 'inline' : '',
    cfg.script ? 'script' : '',
    scriptsGiven ? 'scripts' : '',
  ].filter((s) => s !== '');
  if (given.length === 0) diags.error('Command, Inline, Script and Scripts options cannot all be empty.');
  if (given.length > 1) {
    diags.error(
      'You may only specify one of the following options: Command, Inline, Script or Scripts. ' +
        'Please consolidate these options in your config.',
      [given[1]!],
    );
  }
  const scripts = cfg.script ? [cfg.script] : (cfg.scripts ?? []);
  scripts.forEach((s, i) => {
    if (!existsSync(s))
      diags.error(`Bad script '${s}': no such file`, cfg.script ? ['script'] : ['scripts', i]);
  });
  (cfg.only_on ?? []).forEach((os, i) => {
    if (!SUPPORTED_OS.includes(os))
      diags.error(
        `Invalid OS specified in only_on: '${os}'`,
        ['only_on', i],
        `Supported OS names: ${SUPPORTED_OS.join(', ')}`,
      );
  });
  if (cfg.execute_command.length === 0)
    diags.error('execute_command must not be empty.', ['execute_command']);
  checkEnvVars(cfg.environment_vars, diags);
  diags.throwIfErrors();
  const inline = cfg.command ? [cfg.command] : inlineGiven ? cfg.inline : undefined;
  return {
    cfg,
    scripts,
    inline: scripts.length > 0 ? undefined : inline,
    envVarFormat: nonEmpty(cfg.env_var_format) ?? "%s='%s' ",
    build,
  };
}
