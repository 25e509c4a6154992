import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PLUGIN_PROTOCOL } from '../components/protocol.js';
import { hashTree, installChanges, statFingerprint } from './file-hashes.js';
import { PluginInstallError, registryError } from './install-error.js';
import type { NpmConfig } from './npm-config.js';
import { withPluginDirLock } from './plugin-dir-lock.js';
import { kilnField } from './plugin-manifest.js';
import { versionDir } from './plugin-path.js';
import { type InstallReceipt, readReceipt, writeReceipt } from './receipt.js';
import type { ResolvedPlugin } from './resolve.js';
import { installDependencies } from './run-npm.js';

/** Where a package's dependencies come from. */
export type DependencySource = { kind: 'npm' } | { kind: 'tarball'; file: string; integrity?: string };

/** One package to install. */
export interface InstallRequest {
  /** The plugin directory ($KILN_PLUGIN_PATH). */
  root: string;
  /** A pacote spec: `name@version` (registry), `file:/x.tgz`, `file:/dir`. */
  spec: string;
  /** Expected name and version; undefined for local installs (read from the package). */
  name?: string;
  version?: string;
  /** Expected integrity of the tarball (registry, lock, mirror); required for registry installs. */
  integrity?: string;
  source: string;
  resolved: string;
  npm: NpmConfig;
  deps: DependencySource;
}

/** The outcome of an install. */
export interface InstallOutcome {
  receipt: InstallReceipt;
  dir: string;
  /** False when a matching, unmodified install was already there. */
  installed: boolean;
}

/** Installs under `root` a plugin package resolved in its registry (`kiln init`, `kiln plugins install`, `kiln plugins mirror`). */
export function installResolved(
  root: string,
  r: ResolvedPlugin,
  source: string,
  npm: NpmConfig,
): Promise<InstallOutcome> {
  return installPackage({
    root,
    spec: `${r.name}@${r.version}`,
    name: r.name,
    version: r.version,
    integrity: r.integrity,
    source,
    resolved: r.tarball,
    npm,
    deps: { kind: 'npm' },
  });
}

/**
 * Installs one plugin package atomically: extracts it (integrity verified,
 * no install scripts) into a staging directory inside the plugin directory,
 * installs its dependencies, writes the receipt with every file's hash, and
 * renames the result to `<root>/<name>/<version>`. Holds the plugin
 * directory's lock throughout; an intact install of the same version and
 * integrity is kept as it is.
 */
export function installPackage(req: InstallRequest): Promise<InstallOutcome> {
  return withPluginDirLock(req.root, async () => {
    if (req.name && req.version) {
      const existing = await intactInstall(req.root, req.name, req.version, req.integrity);
      if (existing) return { ...existing, installed: false };
    }
    const staging = await mkdtemp(join(req.root, '.staging-'));
    try {
      const pkgDir = join(staging, 'package');
      const { default: pacote } = await import('pacote');
      let fetched: { integrity: string; resolved: string };
      try {
        fetched = await pacote.extract(req.spec, pkgDir, {
          ...req.npm.options,
          ignoreScripts: true,
          ...(req.integrity ? { integrity: req.integrity } : {}),
        });
      } catch (error) {
        throw registryError(error, req.name ?? req.spec, req.resolved, req.npm.files);
      }
      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
      const name = String(pkg.name ?? '');
      const version = String(pkg.version ?? '');
      if ((req.name && name !== req.name) || (req.version && version !== req.version))
        throw new PluginInstallError(
          `${req.spec} contains ${name}@${version}, expected ${req.name}@${req.version}; it was not installed`,
        );
      const kiln = kilnField(pkg);
      if (typeof kiln === 'string') throw new PluginInstallError(`${name}@${version}: ${kiln}`);
      if (kiln.protocol !== PLUGIN_PROTOCOL)
        throw new PluginInstallError(
          `${name}@${version} speaks plugin protocol ${kiln.protocol}; this kiln speaks ${PLUGIN_PROTOCOL}`,
        );
      if (!existsSync(join(pkgDir, kiln.main)))
        throw new PluginInstallError(
          `${name}@${version}: its "kiln.main" (${kiln.main}) is not in the package`,
        );
      await installDeps(pkgDir, pkg, req);
      const receipt: InstallReceipt = {
        receipt: 1,
        name,
        version,
        source: req.source,
        integrity: req.integrity ?? fetched.integrity,
        resolved: req.resolved,
        resolvedAt: new Date().toISOString(),
        protocol: kiln.protocol,
        main: kiln.main,
        components: kiln.components,
        files: hashTree(pkgDir),
      };
      await writeReceipt(pkgDir, receipt);
      const target = versionDir(req.root, name, version);
      await mkdir(dirname(target), { recursive: true });
      if (existsSync(target)) await rename(target, join(staging, 'replaced'));
      await rename(pkgDir, target);
      receipt.stat = statFingerprint(target, Object.keys(receipt.files));
      await writeReceipt(target, receipt);
      return { receipt, dir: target, installed: true };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  });
}

async function installDeps(pkgDir: string, pkg: Record<string, unknown>, req: InstallRequest): Promise<void> {
  const deps = pkg.dependencies as Record<string, string> | undefined;
  if (!deps || Object.keys(deps).length === 0) return;
  if (req.deps.kind === 'npm') return installDependencies(pkgDir, req.npm);
  const { extractDependencies } = await import('./dependency-tarball.js');
  await extractDependencies(req.deps.file, pkgDir, req.deps.integrity);
}

/**
 * The receipt of an intact install of `name@version`: present, same integrity
 * (when given) and no file changed since install. Undefined otherwise.
 */
export async function intactInstall(
  root: string,
  name: string,
  version: string,
  integrity?: string,
): Promise<{ receipt: InstallReceipt; dir: string } | undefined> {
  const dir = versionDir(root, name, version);
  if (!existsSync(dir)) return undefined;
  try {
    const receipt = readReceipt(dir);
    if (integrity && receipt.integrity !== integrity) return undefined;
    if (installChanges(dir, receipt, 1).length) return undefined;
    return { receipt, dir };
  } catch {
    return undefined;
  }
}
