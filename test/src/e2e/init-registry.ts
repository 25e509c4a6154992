import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packSelfContained } from '@kiln/plugin-sdk/pack';

const run = promisify(execFile);

/** The test npm registry (verdaccio, started by `test/env/up.sh verdaccio`). */
export const REGISTRY = `http://127.0.0.1:${process.env.KILN_NPM_REGISTRY_PORT ?? 4873}/`;

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Whether the test registry answers. */
export async function registryUp(): Promise<boolean> {
  try {
    const res = await fetch(`${REGISTRY}-/ping`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Holds the lock that keeps one publisher at a time on the test registry
 * (its packages' names and versions are fixed, and two test runs on one
 * machine share the registry): flock(1) holds it while its `cat` reads the
 * pipe, so the lock goes when the returned function closes the pipe or when
 * this process ends, however it ends.
 */
async function holdRegistryLock(): Promise<() => Promise<void>> {
  const holder = spawn(
    'flock',
    [join(tmpdir(), 'kiln-e2e-registry.lock'), 'sh', '-c', 'echo held; exec cat'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const [first] = (await Promise.race([once(holder.stdout, 'data'), once(holder, 'exit')])) as [unknown];
  if (!Buffer.isBuffer(first)) throw new Error('flock(1) could not take the test registry lock');
  return async () => {
    holder.stdin.end();
    if (holder.exitCode === null) await once(holder, 'exit');
  };
}

/**
 * A throwaway registry user and the npm userconfig that publishes as it,
 * holding the registry lock until `dispose`, which also removes the config.
 */
export async function publisher(): Promise<{ userconfig: string; dispose: () => Promise<void> }> {
  const release = await holdRegistryLock();
  try {
    const name = `kiln-e2e-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const res = await fetch(`${REGISTRY}-/user/org.couchdb.user:${name}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password: `${name}-pw` }),
      signal: AbortSignal.timeout(10_000),
    });
    const { token } = (await res.json()) as { token?: string };
    if (!token) throw new Error(`verdaccio did not create user ${name} (HTTP ${res.status})`);
    const dir = await mkdtemp(join(tmpdir(), 'kiln-e2e-npm-'));
    const userconfig = join(dir, 'npmrc');
    await writeFile(userconfig, `//${REGISTRY.replace(/^https?:\/\//, '')}:_authToken=${token}\n`, {
      mode: 0o600,
    });
    return {
      userconfig,
      dispose: async () => {
        await rm(dir, { recursive: true, force: true });
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The first-party plugin packages, which are published self-contained. */
export const FIRST_PARTY_PLUGINS = ['docker', 'qemu', 'amazon', 'ansible', 'googlecompute'].map((p) =>
  join(repoRoot, 'plugins', p),
);

/**
 * Publishes the package in `dir` to the test registry, replacing the same
 * version if it is there. A first-party plugin is published as its release
 * is: the self-contained tarball of `kiln-plugin-pack` (bundle inside, no
 * dependencies); anything else (the contract, the SDK, third-party-style
 * plugins) as `npm publish` packs it.
 */
export async function publish(
  dir: string,
  userconfig: string,
  selfContained = FIRST_PARTY_PLUGINS.includes(resolve(dir)),
): Promise<string> {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const spec = `${pkg.name}@${pkg.version}`;
  await unpublish(spec, userconfig);
  if (!selfContained) {
    await npm(['publish', '--ignore-scripts', '--tag', 'latest'], dir, userconfig);
    return spec;
  }
  const out = await mkdtemp(join(tmpdir(), 'kiln-e2e-pack-'));
  try {
    const { tarball } = await packSelfContained(dir, { out });
    await npm(['publish', tarball, '--ignore-scripts', '--tag', 'latest'], out, userconfig);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return spec;
}

/** Removes a version from the test registry (no error when it is not there). */
export async function unpublish(spec: string, userconfig: string): Promise<void> {
  await npm(['unpublish', spec, '--force'], tmpdir(), userconfig).catch(() => undefined);
}

function npm(args: string[], cwd: string, userconfig: string) {
  return run(
    'npm',
    [...args, '--registry', REGISTRY, '--userconfig', userconfig, '--no-workspaces', '--loglevel=error'],
    {
      cwd,
      timeout: 120_000,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    },
  );
}

/** A copy of the docker plugin package renamed and re-versioned (a third-party-style plugin). */
export async function fakePlugin(name: string, version: string, protocol: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-e2e-fake-plugin-'));
  const docker = join(repoRoot, 'plugins', 'docker');
  const pkg = JSON.parse(await readFile(join(docker, 'package.json'), 'utf8')) as Record<string, unknown>;
  await cp(join(docker, 'dist'), join(dir, 'dist'), { recursive: true, filter: (f) => !/\.test\./.test(f) });
  const kiln = { ...(pkg.kiln as object), protocol };
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ ...pkg, name, version, kiln, bin: undefined }, null, 2),
  );
  await writeFile(join(dir, '.npmrc'), `@kiln:registry=${REGISTRY}\n@kiln-e2e:registry=${REGISTRY}\n`);
  return dir;
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
