// Kiln's container image as the e2e suites build it: from the Dockerfile with
// PREBUILT=1 and this workspace's own build (no registry is reachable here).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

function run(cmd: string, args: string[]) {
  return spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
}

/**
 * A build context for PREBUILT=1: the Dockerfile and compose files, and
 * kiln-prebuilt.tar holding this workspace as it is built here: the root
 * manifests, each workspace package's package.json and published files, and
 * the production dependencies of the packages the image ships.
 */
export function stageContext(dir: string): void {
  for (const f of ['Dockerfile', 'docker-compose.build.yml', 'docker-compose.yml'])
    copyFileSync(join(ROOT, f), join(dir, f));
  const ws = (JSON.parse(run('npm', ['query', '.workspace']).stdout) as { location: string }[]).map(
    (w) => w.location,
  );
  const shipped = ws.filter((w) => w !== 'test');
  const paths = ['package.json', 'package-lock.json', '.npmrc'];
  for (const w of ws) {
    paths.push(join(w, 'package.json'));
    if (w === 'test') continue;
    const pkg = JSON.parse(readFileSync(join(ROOT, w, 'package.json'), 'utf8')) as { files?: string[] };
    for (const f of pkg.files ?? [])
      if (!f.startsWith('!') && existsSync(join(ROOT, w, f))) paths.push(join(w, f));
  }
  const ls = run('npm', ['ls', '--omit=dev', '--all', '--parseable', ...shipped.flatMap((w) => ['-w', w])]);
  for (const p of new Set(ls.stdout.split('\n').filter(Boolean))) {
    const rel = relative(ROOT, p);
    if (/^([^/]+\/)*node_modules\/(@[^/]+\/)?[^/]+$/.test(rel) && rel.split('node_modules').length === 2)
      paths.push(rel);
  }
  const r = run('tar', [
    '-cf',
    join(dir, 'kiln-prebuilt.tar'),
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-C',
    ROOT,
    ...paths.filter((p) => existsSync(join(ROOT, p))),
  ]);
  if (r.status !== 0)
    throw new Error(`packing kiln-prebuilt.tar failed: ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
}

/**
 * The lock the e2e suites take to build images from Kiln's Dockerfile
 * (shared: builds run side by side) and to remove them (exclusive).
 * Removing an image deletes its untagged parent layers, and a build running
 * beside it may be using one of them as cache, which fails that build with
 * "unknown parent image ID". flock(1) drops the lock when its process ends,
 * however it ends.
 */
const IMAGE_LOCK = join(tmpdir(), 'kiln-e2e-kiln-image.lock');

/** An image build (`docker build`, `docker-compose build`) under the shared image lock. */
export function underImageLock(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeout: number; exclusive?: boolean },
): SpawnSyncReturns<string> {
  return spawnSync('flock', [opts.exclusive ? '-x' : '-s', IMAGE_LOCK, command, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeout,
    maxBuffer: 64 << 20,
  });
}

/**
 * `docker build --force-rm` of Kiln's image from a staged context
 * (stageContext) with BASE_IMAGE and PREBUILT=1, tagged `tag` unless it is
 * empty, plus any further build arguments.
 */
export function buildKilnImage(
  context: string,
  tag: string,
  base: string,
  opts: { buildArgs?: Record<string, string>; timeout: number },
): SpawnSyncReturns<string> {
  const args = ['build', '--force-rm', '--build-arg', `BASE_IMAGE=${base}`, '--build-arg', 'PREBUILT=1'];
  for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  if (tag) args.push('-t', tag);
  return underImageLock('docker', [...args, '.'], { cwd: context, timeout: opts.timeout });
}

/**
 * `docker rmi` of each image under the exclusive image lock, i.e. once no
 * build is running; failures are ignored (the image may be gone).
 */
export function removeImages(...refs: string[]): void {
  if (refs.length)
    underImageLock('bash', ['-c', 'for i; do docker rmi "$i"; done >/dev/null 2>&1; true', 'rmi', ...refs], {
      timeout: 900_000,
      exclusive: true,
    });
}
