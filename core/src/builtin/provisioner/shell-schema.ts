import type { ConfigSchema } from '@kiln/plugin-sdk';

/** The decoded body of a `shell` provisioner. */
export interface ShellConfig {
  inline?: string[];
  script?: string;
  scripts?: string[];
  environment_vars: string[];
  env: Record<string, string>;
  execute_command?: string;
  inline_shebang: string;
  remote_folder: string;
  remote_file?: string;
  remote_path?: string;
  expect_disconnect: boolean;
  valid_exit_codes: number[];
  skip_clean: boolean;
  start_retry_timeout: string;
  pause_after?: string;
  binary: boolean;
  use_env_var_file: boolean;
  env_var_format?: string;
}

/** Schema of the `shell` provisioner (Packer's options). */
export const shellSchema: ConfigSchema = {
  description: 'Runs shell scripts on the machine being built, through its communicator.',
  attributes: {
    inline: {
      type: 'list(string)',
      description: 'Commands to run, one per line of a script headed by inline_shebang.',
    },
    script: { type: 'string', description: 'Path of a local script to upload and run.' },
    scripts: { type: 'list(string)', description: 'Paths of local scripts, run in order.' },
    environment_vars: {
      type: 'list(string)',
      default: [],
      description: '"KEY=value" pairs set for the scripts.',
    },
    env: { type: 'map(string)', default: {}, description: 'Environment variables as a map.' },
    execute_command: {
      type: 'string',
      description:
        'How to run the script; {{.Vars}}, {{.Path}} and {{.EnvVarFile}} are substituted. ' +
        'Default "chmod +x {{.Path}}; {{.Vars}} {{.Path}}".',
    },
    inline_shebang: { type: 'string', default: '/bin/sh -e', description: 'Shebang of inline scripts.' },
    remote_folder: { type: 'string', default: '/tmp', description: 'Remote folder scripts are uploaded to.' },
    remote_file: { type: 'string', description: 'Remote file name of the script (default script_<n>.sh).' },
    remote_path: { type: 'string', description: 'Full remote path; overrides remote_folder/remote_file.' },
    expect_disconnect: {
      type: 'bool',
      default: false,
      description: 'Do not fail when the connection drops while the script runs (e.g. a reboot).',
    },
    valid_exit_codes: { type: 'list(number)', default: [0], description: 'Exit codes counted as success.' },
    skip_clean: { type: 'bool', default: false, description: 'Leave the uploaded scripts on the machine.' },
    start_retry_timeout: {
      type: 'string',
      default: '5m',
      description: 'How long to retry uploading and starting the script while the machine is not ready.',
    },
    pause_after: { type: 'string', description: 'Wait this long after the scripts ran.' },
    binary: { type: 'bool', default: false, description: 'Upload scripts as they are (no CRLF to LF).' },
    use_env_var_file: {
      type: 'bool',
      default: false,
      description: 'Write the variables to a remote file and source it instead of inlining them.',
    },
    env_var_format: {
      type: 'string',
      description: `How each variable is written (printf with key and value); default "%s='%s' ".`,
    },
  },
};
