import { userInfo } from 'node:os';
import { attr, type ConfigSchema, Diagnostics, decodeConfig } from '@kiln/plugin-sdk';
import { checkDirectory, checkFile } from '../shared/check-path.js';

/** The ansible provisioner's configuration after prepare. */
export interface AnsibleConfig {
  command: string;
  extraArguments: string[];
  ansibleEnvVars: string[];
  playbookFile: string;
  ansibleSshExtraArgs: string[];
  groups: string[];
  emptyGroups: string[];
  hostAlias: string;
  /** ansible_user; the local user unless set (with use_proxy = false: the communicator's user). */
  user: string;
  userWasEmpty: boolean;
  /** 0: a port the system picks. */
  localPort: number;
  sshHostKeyFile?: string;
  sshAuthorizedKeyFile?: string;
  proxyKeyType: 'ECDSA' | 'RSA';
  /** Set: run this on the machine for the sftp subsystem (Packer's way); unset: the proxy serves SFTP itself. */
  sftpCommand?: string;
  skipVersionCheck: boolean;
  useSftp: boolean;
  inventoryDirectory?: string;
  inventoryFileTemplate?: string;
  inventoryFile?: string;
  keepInventoryFile: boolean;
  galaxyFile?: string;
  galaxyCommand: string;
  galaxyForceInstall: boolean;
  galaxyForceWithDeps: boolean;
  rolesPath?: string;
  collectionsPath?: string;
  /** undefined: not set (the proxy is used). */
  useProxy?: boolean;
  winrmUseHttp: boolean;
}

const { string: s, bool: b, list: l } = attr;

/** The ansible provisioner's body, as served through GetSchema (Packer's names). */
export const ansibleSchema: ConfigSchema = {
  description:
    'Runs ansible-playbook on this machine against the build machine, through a local SSH proxy to the build communicator (or straight to its SSH server with use_proxy = false).',
  attributes: {
    playbook_file: s('The playbook to run.', { required: true }),
    command: s('The ansible-playbook executable (default "ansible-playbook", found on PATH).'),
    extra_arguments: l('More arguments for ansible-playbook (not passed through a shell).'),
    ansible_env_vars: l('Environment variables for ansible-playbook, as "KEY=value".'),
    ansible_ssh_extra_args: l('Passed as --ssh-extra-args (default "-o IdentitiesOnly=yes").'),
    groups: l('Inventory groups the host is placed in.'),
    empty_groups: l('Inventory groups that exist but stay empty.'),
    host_alias: s('The host name in the generated inventory (default "default").'),
    user: s('ansible_user (default: the user running Kiln; with use_proxy = false, the communicator user).'),
    local_port: {
      type: 'number',
      description: 'First port to try for the proxy (ten are tried); default: any.',
    },
    ssh_host_key_file: s('Host key of the proxy (default: a one-time key, host key checking off).'),
    ssh_authorized_key_file: s(
      'Public key Ansible logs in to the proxy with (default: a one-time key pair).',
    ),
    ansible_proxy_key_type: s('Type of the one-time keys: "ECDSA" (default) or "RSA".'),
    sftp_command: s(
      'Run this on the machine for SFTP (Packer\'s way, e.g. "/usr/lib/sftp-server -e"); default: the proxy serves SFTP through the communicator.',
    ),
    skip_version_check: b('Do not run "ansible-playbook --version" before the build.', false),
    use_sftp: b('Let Ansible transfer files with SFTP (false: Packer sets ANSIBLE_SCP_IF_SSH=True).', false),
    inventory_directory: s('Directory for the generated inventory (e.g. beside group_vars, host_vars).'),
    inventory_file_template: s(
      'Line(s) of the generated inventory, a Go template over HostAlias, Host, User, Port.',
    ),
    inventory_file: s('An inventory to use instead of the generated one.'),
    keep_inventory_file: b('Keep the generated inventory file.', false),
    galaxy_file: s('A requirements file installed with ansible-galaxy before the play.'),
    galaxy_command: s('The ansible-galaxy executable (default "ansible-galaxy").'),
    galaxy_force_install: b('Pass --force to ansible-galaxy.', false),
    galaxy_force_with_deps: b('Pass --force-with-deps to ansible-galaxy.', false),
    roles_path: s('Where ansible-galaxy installs roles (-p).'),
    collections_path: s('Where ansible-galaxy installs collections (-p).'),
    use_proxy: b(
      'Serve a local SSH proxy to the communicator (default true); false: connect to the SSH host.',
    ),
    ansible_winrm_use_http: b('Adds -e ansible_winrm_scheme=http.', false),
  },
};

/** Decodes and checks the body (paths must exist; relative paths are from the current directory). */
export function prepareAnsibleConfig(raw: Record<string, unknown>): {
  config: AnsibleConfig;
  diagnostics: Diagnostics;
} {
  const diagnostics = new Diagnostics();
  const { value: v, diagnostics: decoded } = decodeConfig(ansibleSchema, raw);
  diagnostics.items.push(...decoded);
  const str = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const list = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);
  const bool = (k: string) => v[k] === true;

  const playbookFile = str('playbook_file') ?? '';
  if (raw.playbook_file !== undefined) checkFile(playbookFile, 'playbook_file', diagnostics);
  const galaxyFile = str('galaxy_file');
  if (galaxyFile) checkFile(galaxyFile, 'galaxy_file', diagnostics);
  const sshAuthorizedKeyFile = str('ssh_authorized_key_file');
  if (sshAuthorizedKeyFile) checkFile(sshAuthorizedKeyFile, 'ssh_authorized_key_file', diagnostics);
  const sshHostKeyFile = str('ssh_host_key_file');
  if (sshHostKeyFile) checkFile(sshHostKeyFile, 'ssh_host_key_file', diagnostics);
  const inventoryFile = str('inventory_file');
  if (inventoryFile) checkFile(inventoryFile, 'inventory_file', diagnostics, true);
  const inventoryDirectory = str('inventory_directory');
  if (inventoryDirectory) checkDirectory(inventoryDirectory, 'inventory_directory', diagnostics);

  const localPort = typeof v.local_port === 'number' ? v.local_port : 0;
  if (!Number.isInteger(localPort) || localPort < 0 || localPort > 65535)
    diagnostics.error(
      `local_port: ${localPort} must be a valid port`,
      ['local_port'],
      'Use 1 to 65535, or leave it out.',
    );

  const keyType = (str('ansible_proxy_key_type') ?? 'ECDSA').toUpperCase();
  if (keyType !== 'ECDSA' && keyType !== 'RSA')
    diagnostics.error(
      `Invalid value for ansible_proxy_key_type: "${keyType}"`,
      ['ansible_proxy_key_type'],
      'Supported values are ECDSA or RSA.',
    );

  const ansibleEnvVars = [...list('ansible_env_vars')];
  list('ansible_env_vars').forEach((kv, i) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(kv))
      diagnostics.error(`ansible_env_vars: "${kv}" is not KEY=value`, ['ansible_env_vars', i]);
  });
  if (!sshHostKeyFile) ansibleEnvVars.push('ANSIBLE_HOST_KEY_CHECKING=False');
  if (!bool('use_sftp')) ansibleEnvVars.push('ANSIBLE_SCP_IF_SSH=True');

  const extraArguments = [...list('extra_arguments')];
  if (bool('ansible_winrm_use_http') && !extraArguments.some((a) => a.startsWith('ansible_winrm_scheme')))
    extraArguments.push('-e', 'ansible_winrm_scheme=http');

  let user = str('user') ?? '';
  const userWasEmpty = user === '';
  if (userWasEmpty) {
    try {
      user = userInfo().username;
    } catch {}
    if (!user)
      diagnostics.error('user: could not determine the current user', ['user'], 'Set user explicitly.');
  }

  const config: AnsibleConfig = {
    command: str('command') ?? 'ansible-playbook',
    extraArguments,
    ansibleEnvVars,
    playbookFile,
    ansibleSshExtraArgs: list('ansible_ssh_extra_args'),
    groups: list('groups'),
    emptyGroups: list('empty_groups'),
    hostAlias: str('host_alias') ?? 'default',
    user,
    userWasEmpty,
    localPort,
    proxyKeyType: keyType === 'RSA' ? 'RSA' : 'ECDSA',
    skipVersionCheck: bool('skip_version_check'),
    useSftp: bool('use_sftp'),
    keepInventoryFile: bool('keep_inventory_file'),
    galaxyCommand: str('galaxy_command') ?? 'ansible-galaxy',
    galaxyForceInstall: bool('galaxy_force_install'),
    galaxyForceWithDeps: bool('galaxy_force_with_deps'),
    winrmUseHttp: bool('ansible_winrm_use_http'),
    ...(sshHostKeyFile ? { sshHostKeyFile } : {}),
    ...(sshAuthorizedKeyFile ? { sshAuthorizedKeyFile } : {}),
    ...(str('sftp_command') ? { sftpCommand: str('sftp_command') } : {}),
    ...(inventoryDirectory ? { inventoryDirectory } : {}),
    ...(str('inventory_file_template') ? { inventoryFileTemplate: str('inventory_file_template') } : {}),
    ...(inventoryFile ? { inventoryFile } : {}),
    ...(galaxyFile ? { galaxyFile } : {}),
    ...(str('roles_path') ? { rolesPath: str('roles_path') } : {}),
    ...(str('collections_path') ? { collectionsPath: str('collections_path') } : {}),
    ...(typeof v.use_proxy === 'boolean' ? { useProxy: v.use_proxy } : {}),
  };
  return { config, diagnostics };
}
