import { statSync } from 'node:fs';
import { attr, type ConfigSchema, Diagnostics, decodeConfig, parseDuration } from '@kiln/plugin-sdk';
import { checkChanges } from './changes.js';

/** Packer's default run_command: keep a shell alive as the container's main process. */
export const DEFAULT_RUN_COMMAND = ['-d', '-i', '-t', '--entrypoint=/bin/sh', '--', '{{.Image}}'];

/** The docker builder's configuration after prepare. */
export interface DockerBuilderConfig {
  image: string;
  pull: boolean;
  commit: boolean;
  discard: boolean;
  exportPath?: string;
  changes: string[];
  author?: string;
  message?: string;
  runCommand: string[];
  volumes: Record<string, string>;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  tmpfs: string[];
  device: string[];
  platform?: string;
  runtime?: string;
  containerDir: string;
  fixUploadOwner: boolean;
  execUser?: string;
  communicator: 'docker' | 'none';
  /** Milliseconds to wait before connecting. */
  pauseBeforeConnectingMs: number;
  login: boolean;
  loginServer?: string;
  loginUsername?: string;
  loginPassword?: string;
}

const { string: s, bool: b, list: l } = attr;

/** The docker builder's body, as served through GetSchema. */
export const builderSchema: ConfigSchema = {
  description:
    'Builds a Docker image by running a container, provisioning it, and committing or exporting it.',
  attributes: {
    image: s('The base image; pulled unless pull = false.', { required: true }),
    pull: b('Pull the image before running (false never touches a registry).', true),
    commit: b('Commit the container to a new image.', false),
    discard: b('Throw the container away (no artifact).', false),
    export_path: s('Export the container filesystem to this tar file.'),
    changes: l(
      'Dockerfile instructions applied at commit (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR).',
    ),
    author: s('The author recorded at commit.'),
    message: s('The commit message.'),
    run_command: l('docker run arguments; {{.Image}} is the image.'),
    volumes: { type: 'map(string)', description: 'Host path => container path bind mounts.' },
    privileged: b('Run the container privileged.', false),
    cap_add: l('Linux capabilities to add.'),
    cap_drop: l('Linux capabilities to drop.'),
    tmpfs: l('tmpfs mounts: "/path" or "/path:options".'),
    device: l('Host devices: "/dev/x[:/dev/y[:rwm]]".'),
    platform: s('Platform of the image, e.g. linux/amd64.'),
    runtime: s('The container runtime, e.g. runc.'),
    container_dir: s('Where the shared temporary directory is mounted in the container.', {
      default: '/packer-files',
    }),
    fix_upload_owner: b('Make uploaded files owned by exec_user.', true),
    exec_user: s('The user provisioner commands run as.'),
    communicator: s('"docker" (default) or "none".', { default: 'docker' }),
    login: b('Log in to a registry for the pull.', false),
    login_server: s('The registry to log in to.'),
    login_username: s('The registry user name.'),
    login_password: { type: 'string', sensitive: true, description: 'The registry password.' },
    pause_before_connecting: s('Wait this long (e.g. "10s") before connecting the communicator.'),
    windows_container: b('Build a Windows container (not supported).', false),
    ecr_login: b('Log in to Amazon ECR for the pull (not supported).', false),
    aws_access_key: s('ECR login: access key (not supported).'),
    aws_secret_key: {
      type: 'string',
      sensitive: true,
      description: 'ECR login: secret key (not supported).',
    },
    aws_token: { type: 'string', sensitive: true, description: 'ECR login: session token (not supported).' },
    aws_profile: s('ECR login: profile (not supported).'),
  },
};

/** Decodes and checks a docker builder body; throws ConfigError naming every bad attribute. */
export function prepareBuilderConfig(raw: Record<string, unknown>): {
  config: DockerBuilderConfig;
  diagnostics: Diagnostics;
} {
  const diags = new Diagnostics();
  const decoded = decodeConfig(builderSchema, raw);
  diags.items.push(...decoded.diagnostics);
  const v = decoded.value as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const list = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);
  const config: DockerBuilderConfig = {
    image: str('image') ?? '',
    pull: v.pull !== false,
    commit: v.commit === true,
    discard: v.discard === true,
    ...opt('exportPath', str('export_path')),
    changes: list('changes'),
    ...opt('author', str('author')),
    ...opt('message', str('message')),
    runCommand: list('run_command').length ? list('run_command') : [...DEFAULT_RUN_COMMAND],
    volumes: (v.volumes as Record<string, string> | undefined) ?? {},
    privileged: v.privileged === true,
    capAdd: list('cap_add'),
    capDrop: list('cap_drop'),
    tmpfs: list('tmpfs'),
    device: list('device'),
    ...opt('platform', str('platform')),
    ...opt('runtime', str('runtime')),
    containerDir: str('container_dir') ?? '/packer-files',
    fixUploadOwner: v.fix_upload_owner !== false,
    ...opt('execUser', str('exec_user')),
    communicator: str('communicator') === 'none' ? 'none' : 'docker',
    pauseBeforeConnectingMs: 0,
    login: v.login === true,
    ...opt('loginServer', str('login_server')),
    ...opt('loginUsername', str('login_username')),
    ...opt('loginPassword', str('login_password')),
  };
  if ('image' in raw && !config.image) diags.error('"image" must not be empty', ['image']);
  const outputs = [
    config.commit && 'commit',
    config.discard && 'discard',
    config.exportPath && 'export_path',
  ].filter(Boolean) as string[];
  if (outputs.length === 0) {
    diags.error(
      'One of "commit", "discard" or "export_path" must be set',
      [],
      'Set commit = true to keep the image.',
    );
  } else if (outputs.length > 1) {
    for (const o of outputs.slice(1)) {
      diags.error(
        `"${o}" cannot be combined with "${outputs[0]}": set exactly one of commit, discard, export_path`,
        [o],
      );
    }
  }
  if (!config.commit && config.changes.length) {
    diags.warning('"changes" applies only with commit = true; it is ignored here', ['changes']);
  }
  checkChanges(config.changes, 'changes', diags);
  const communicator = str('communicator');
  if (communicator && communicator !== 'docker' && communicator !== 'none') {
    diags.error(
      `communicator "${communicator}" is not supported by the docker builder`,
      ['communicator'],
      'Use "docker" or "none".',
    );
  }
  if (config.login) {
    if (!config.loginUsername)
      diags.error('"login_username" is required with login = true', ['login_username']);
    if (!config.loginPassword)
      diags.error('"login_password" is required with login = true', ['login_password']);
  }
  const pause = str('pause_before_connecting');
  if (pause) {
    const ms = parseDuration(pause);
    if (ms === undefined) {
      diags.error(
        `"${pause}" is not a duration`,
        ['pause_before_connecting'],
        'Write it like "10s", "1m30s" or "500ms".',
      );
    } else config.pauseBeforeConnectingMs = ms;
  }
  if (v.windows_container === true) {
    diags.error("Windows containers are not supported by Kiln's docker builder", ['windows_container']);
  }
  if (v.ecr_login === true) {
    diags.error(
      'ecr_login is not supported yet',
      ['ecr_login'],
      'Use login with login_server, login_username and login_password.',
    );
  }
  if (config.exportPath && isDirectory(config.exportPath)) {
    diags.error('export_path must be a file, not a directory', ['export_path']);
  }
  if (!config.containerDir.startsWith('/'))
    diags.error('"container_dir" must be an absolute path', ['container_dir']);
  for (const [host, target] of Object.entries(config.volumes)) {
    if (!target.startsWith('/'))
      diags.error(`volume target "${target}" must be an absolute path`, ['volumes', host]);
  }
  return { config, diagnostics: diags };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
