import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packerConstraint } from './constraint.js';
import { PluginInstallError } from './install-error.js';
import { type InstallOutcome, installPackage, installResolved } from './install-package.js';
import { loadNpmConfig } from './npm-config.js';
import { withPluginDirLock } from './plugin-dir-lock.js';
import { packageDir, pluginPath, versionDir } from './plugin-path.js';
import { resolvePlugin } from './resolve.js';
import { packDirectory } from './run-npm.js';
import { packageForSource } from './source.js';

/** Options shared by the manual install commands. */
export interface ManualOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the project's .npmrc is looked for (default: the current directory). */
  cwd?: string;
}

/** `kiln plugins install SOURCE [VERSION]`: the newest compatible version satisfying VERSION (Packer syntax). */
export async function installSource(
  source: string,
  version: string | undefined,
  o: ManualOptions = {},
): Promise<InstallOutcome> {
  const env = o.env ?? process.env;
  let name: string;
  let constraint: ReturnType<typeof packerConstraint>;
  try {
    name = packageForSource(source);
    constraint = packerConstraint(version ?? '');
  } catch (error) {
    throw new PluginInstallError((error as Error).message);
  }
  const npm = loadNpmConfig(o.cwd ?? process.cwd(), env);
  const r = await resolvePlugin({ name, constraint, npm });
  return installResolved(pluginPath(env), r, source, npm);
}

/**
 * `kiln plugins install -path DIR|TGZ`: a development install of a plugin
 * package directory (its package.json "kiln" field; the published files,
 * as `npm pack` would take them) or an `npm pack` tarball.
 */
export async function installPath(path: string, o: ManualOptions = {}): Promise<InstallOutcome> {
  const env = o.env ?? process.env;
  const abs = resolve(o.cwd ?? process.cwd(), path);
  if (!existsSync(abs)) throw new PluginInstallError(`${path} does not exist`);
  const isDir = statSync(abs).isDirectory();
  if (isDir && !existsSync(`${abs}/package.json`))
    throw new PluginInstallError(
      `${path} is a directory without a package.json; give a plugin package directory or an npm pack tarball`,
    );
  const npm = loadNpmConfig(isDir ? abs : (o.cwd ?? process.cwd()), env);
  const scratch = isDir ? await mkdtemp(join(tmpdir(), 'kiln-pack-')) : undefined;
  try {
    const tarball = scratch ? await packDirectory(abs, scratch) : abs;
    return await installPackage({
      root: pluginPath(env),
      spec: `file:${tarball}`,
      source: `path:${abs}`,
      resolved: abs,
      npm,
      deps: { kind: 'npm' },
    });
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/** `kiln plugins remove SOURCE [VERSION]`: removes one installed version, or every version; returns what was removed. */
export function removeInstalled(
  source: string,
  version: string | undefined,
  o: ManualOptions = {},
): Promise<string[]> {
  const env = o.env ?? process.env;
  const root = pluginPath(env);
  const name = source.startsWith('@') || !source.includes('/') ? source : packageForSource(source);
  const pkgDir = packageDir(root, name);
  const versions = version ? [version.replace(/^v/, '')] : existsSync(pkgDir) ? readdirSync(pkgDir) : [];
  const dirs = versions.map((v) => versionDir(root, name, v)).filter((d) => existsSync(d));
  if (dirs.length === 0)
    return Promise.reject(
      new PluginInstallError(
        `${name}${version ? ` ${version}` : ''} is not installed in ${root} (see \`kiln plugins installed\`)`,
      ),
    );
  return withPluginDirLock(root, async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (existsSync(pkgDir) && readdirSync(pkgDir).length === 0) rmSync(pkgDir, { recursive: true });
    return dirs;
  });
}
