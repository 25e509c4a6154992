import type { Diagnostics } from '@kiln/plugin-sdk';

/** What a `run_command` says about the container to create. */
export interface RunCommandSpec {
  image: string;
  entrypoint?: string[];
  cmd: string[];
  env: string[];
  binds: string[];
  labels: Record<string, string>;
  tty: boolean;
  openStdin: boolean;
  privileged: boolean;
  user?: string;
  workingDir?: string;
  networkMode?: string;
  hostname?: string;
}

const IGNORED = new Set(['-d', '--detach', '--rm', '--init']);
const WITH_VALUE = new Map<string, string>([
  ['-e', 'env'],
  ['--env', 'env'],
  ['-v', 'volume'],
  ['--volume', 'volume'],
  ['-u', 'user'],
  ['--user', 'user'],
  ['-w', 'workdir'],
  ['--workdir', 'workdir'],
  ['--entrypoint', 'entrypoint'],
  ['-l', 'label'],
  ['--label', 'label'],
  ['--network', 'network'],
  ['--net', 'network'],
  ['-h', 'hostname'],
  ['--hostname', 'hostname'],
  ['--name', 'name'],
]);

/**
 * Translates `docker run` arguments (after template expansion of {{.Image}})
 * into an Engine API container, the way Packer's default
 * `-d -i -t --entrypoint=/bin/sh -- IMAGE` keeps a shell alive. Unsupported
 * flags are reported at their index.
 */
export function parseRunCommand(
  args: string[],
  image: string,
  path: string,
  diags: Diagnostics,
): RunCommandSpec {
  const spec: RunCommandSpec = {
    image: '',
    cmd: [],
    env: [],
    binds: [],
    labels: {},
    tty: false,
    openStdin: false,
    privileged: false,
  };
  const expanded = args.map((a) => a.replace(/\{\{\s*\.Image\s*\}\}/g, image));
  let i = 0;
  for (; i < expanded.length; i++) {
    const arg = expanded[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-')) break;
    if (IGNORED.has(arg)) continue;
    if (/^-[dit]+$/.test(arg)) {
      if (arg.includes('i')) spec.openStdin = true;
      if (arg.includes('t')) spec.tty = true;
      continue;
    }
    if (arg === '--interactive') spec.openStdin = true;
    else if (arg === '--tty') spec.tty = true;
    else if (arg === '--privileged') spec.privileged = true;
    else {
      const eq = arg.indexOf('=');
      const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
      const kind = WITH_VALUE.get(flag);
      if (!kind) {
        diags.error(`run_command[${i}]: unsupported docker run flag "${flag}"`, [path, i]);
        continue;
      }
      let value: string | undefined;
      if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
      else value = expanded[++i];
      if (value === undefined) {
        diags.error(`run_command[${i - 1}]: "${flag}" needs a value`, [path, i - 1]);
        break;
      }
      apply(spec, kind, value);
    }
  }
  const rest = expanded.slice(i);
  if (rest.length === 0) {
    diags.error('run_command has no image: end it with "{{.Image}}"', [path]);
  } else {
    spec.image = rest[0]!;
    spec.cmd = rest.slice(1);
  }
  return spec;
}

function apply(spec: RunCommandSpec, kind: string, value: string): void {
  switch (kind) {
    case 'env':
      spec.env.push(value.includes('=') ? value : `${value}=${process.env[value] ?? ''}`);
      break;
    case 'volume':
      spec.binds.push(value);
      break;
    case 'user':
      spec.user = value;
      break;
    case 'workdir':
      spec.workingDir = value;
      break;
    case 'entrypoint':
      spec.entrypoint = value === '' ? [] : [value];
      break;
    case 'label': {
      const eq = value.indexOf('=');
      spec.labels[eq < 0 ? value : value.slice(0, eq)] = eq < 0 ? '' : value.slice(eq + 1);
      break;
    }
    case 'network':
      spec.networkMode = value;
      break;
    case 'hostname':
      spec.hostname = value;
      break;
  }
}
