import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type KilnRun, kilnBin } from './cli-helpers.js';

/** The test environment's state directory (test/env/up.sh). */
export const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
/** ansible-core installed by `test/env/up.sh ansible`; the provisioners find it on PATH. */
export const ansibleBin = join(stateDir, 'ansible-venv', 'bin');
/** An image with python3 and ansible-core (test/env/up.sh ansible). */
export const ansibleImage = process.env.KILN_TEST_ANSIBLE_IMAGE ?? 'kiln-test/ansible:bookworm';
export const busyboxImage = 'kiln-test/busybox:latest';
export const sshdKey = join(stateDir, 'sshd', 'id_ed25519');
export const sshdPort = Number(process.env.KILN_SSHD_PORT ?? 2222);

/**
 * The environment of a kiln run in `dir` that finds ansible-playbook on PATH
 * and keeps its temporary files in `dir`/tmp (see {@link leftovers}).
 */
export function withAnsible(
  dir: string,
  path = `${ansibleBin}${delimiter}${process.env.PATH ?? ''}`,
): NodeJS.ProcessEnv {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  return { PATH: path, TMPDIR: join(dir, 'tmp') };
}

function imagePresent(image: string): boolean {
  return spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0;
}

function sshdUp(): boolean {
  try {
    process.kill(Number(readFileSync(join(stateDir, 'sshd.pid'), 'utf8')), 0);
    return existsSync(sshdKey);
  } catch {
    return false;
  }
}

/** Why the ansible suites cannot run here (false when they can). */
export function ansibleMissing(
  needs: { docker?: boolean; python?: boolean; sshd?: boolean } = {},
): string | false {
  if (!existsSync(join(ansibleBin, 'ansible-playbook')))
    return `needs ansible-core in ${ansibleBin} (run: test/env/up.sh ansible)`;
  if (needs.docker && !imagePresent(busyboxImage))
    return `needs ${busyboxImage} (run: test/env/up.sh docker image)`;
  if (needs.python && !imagePresent(ansibleImage))
    return `needs ${ansibleImage} (run: test/env/up.sh ansible)`;
  if (needs.sshd && !sshdUp()) return 'needs the loopback sshd on 127.0.0.1:2222 (run: test/env/up.sh sshd)';
  return false;
}

/**
 * `<id> <mount sources...>` per container. A container of another test may
 * be removed between the listing and this call: Docker then reports it
 * missing and prints the others, which is all this needs.
 */
function inspectMounts(ids: string[]): string[] {
  const r = spawnSync(
    'docker',
    ['inspect', '--format', '{{.Id}} {{range .Mounts}}{{.Source}} {{end}}', ...ids],
    {
      encoding: 'utf8',
    },
  );
  const otherError = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('Error: No such object'));
  if (r.status !== 0 && otherError.length) throw new Error(`docker inspect: ${otherError.join('\n')}`);
  return r.stdout.split('\n').filter(Boolean);
}

/** What an ansible run may leave behind: temporary directories, processes, containers. */
export interface Leftovers {
  tempDirs: string[];
  processes: string[];
  containers: string[];
}

/**
 * What a run in `dir` (with {@link withAnsible}'s environment) left that was
 * not there `before` (take it with the same call): files in its temporary
 * directory, processes whose command line names `dir` (Ansible, its SSH
 * connection masters), containers sharing a directory with it.
 */
export function leftovers(dir: string, before?: Leftovers): Leftovers {
  const tmp = join(dir, 'tmp');
  const tempDirs = existsSync(tmp) ? readdirSync(tmp) : [];
  const processes = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(dir) && !l.includes(' ps -eo'));
  // Containers of this run: the docker builder shares a directory under TMPDIR with them.
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', 'label=io.kiln.run'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const containers = ids.length
    ? inspectMounts(ids)
        .filter((l) => l.includes(dir))
        .map((l) => l.split(' ')[0] ?? l)
    : [];
  const not = (list: string[], old?: string[]) => list.filter((x) => !old?.includes(x));
  return {
    tempDirs: not(tempDirs, before?.tempDirs),
    processes: not(processes, before?.processes),
    containers: not(containers, before?.containers),
  };
}

/**
 * Runs the real kiln binary to the end, killing it after `timeoutMs` (plays
 * in a container take a while on a loaded machine; the shared helper allows
 * two minutes).
 */
export function kilnSlow(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 420_000,
): Promise<KilnRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [kilnBin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', KILN_LOG: '', PACKER_LOG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal });
    });
  });
}
