import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import semver from 'semver';
import { installChanges } from '../install/file-hashes.js';
import { lockFilePath, readLock, templateDir } from '../install/lock-file.js';
import { packageDir, pluginPath, versionDir } from '../install/plugin-path.js';
import { type InstallReceipt, readReceipt } from '../install/receipt.js';
import { packerPlugins } from '../packer-bridge/install/discover.js';
import { isPackerLock, packerLockIntact } from '../packer-bridge/install/packer-lock.js';
import type { IgnoredPlugin, PluginDiscovery, PluginPackage } from './plugin-package.js';
import { PLUGIN_PROTOCOL } from './protocol.js';
import { repositoryRoot, workspacePlugins } from './workspace-plugins.js';

/** A plugin a template's lock file names that cannot be used; the message says to run `kiln init`. */
export class LockedPluginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockedPluginError';
  }
}

/** The package a receipt describes. */
export function receiptPackage(dir: string, r: InstallReceipt): PluginPackage {
  return {
    name: r.name,
    version: r.version,
    dir,
    main: join(dir, r.main),
    protocol: r.protocol,
    components: r.components,
    origin: 'installed',
  };
}

/**
 * The plugins a template may use. With a lock file beside the template,
 * exactly the locked versions, read from their receipts and checked (same
 * integrity as the lock, no file changed since install); anything wrong
 * throws a LockedPluginError saying to run `kiln init`. Without a lock file:
 * the installed plugins (newest compatible version of each) and, in a clone
 * of the repository, the workspace's first-party plugins (first when the
 * template is inside the clone).
 */
export function templatePlugins(
  templatePath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): PluginDiscovery {
  return withPackerPlugins(npmPlugins(templatePath, env), env);
}

/** Packer plugin binaries come after npm plugins: an npm plugin serving the same type wins. */
function withPackerPlugins(npm: PluginDiscovery, env: NodeJS.ProcessEnv): PluginDiscovery {
  const packer = packerPlugins(env);
  return { plugins: [...npm.plugins, ...packer.plugins], ignored: [...npm.ignored, ...packer.ignored] };
}

function npmPlugins(templatePath: string | undefined, env: NodeJS.ProcessEnv): PluginDiscovery {
  const root = pluginPath(env);
  if (templatePath) {
    const lockFile = lockFilePath(templatePath);
    const lock = readLock(lockFile);
    if (lock) return lockedPlugins(root, lockFile, lock.plugins);
  }
  const installed = installedPlugins(root);
  const workspace = workspacePlugins();
  const inside = templatePath !== undefined && isInside(repositoryRoot(), templateDir(templatePath));
  const [first, second] = inside ? [workspace, installed] : [installed, workspace];
  return { plugins: [...first.plugins, ...second.plugins], ignored: [...first.ignored, ...second.ignored] };
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

function lockedPlugins(
  root: string,
  lockFile: string,
  locked: Record<string, { package: string; version: string; integrity: string }>,
): PluginDiscovery {
  const plugins: PluginPackage[] = [];
  for (const [source, l] of Object.entries(locked)) {
    const dir = versionDir(root, l.package, l.version);
    const what = `plugin ${l.package} ${l.version} (${source}, locked in ${lockFile})`;
    const fail = (why: string) =>
      new LockedPluginError(`${what} ${why}. Run \`kiln init\` on this template to install it again.`);
    if (isPackerLock(l)) {
      // Served by the Packer plugin bridge, which finds it in Kiln's Packer plugin directory.
      if (!packerLockIntact(l)) throw fail(`is not installed with the locked checksum ${l.integrity}`);
      continue;
    }
    if (!existsSync(dir)) throw fail(`is not installed in ${root}`);
    let r: InstallReceipt;
    try {
      r = readReceipt(dir);
    } catch (error) {
      throw fail(`cannot be used: ${(error as Error).message}`);
    }
    if (r.integrity !== l.integrity)
      throw fail(`does not match the lock file: installed integrity ${r.integrity}, locked ${l.integrity}`);
    if (r.protocol !== PLUGIN_PROTOCOL)
      throw fail(`speaks plugin protocol ${r.protocol}; this kiln speaks ${PLUGIN_PROTOCOL}`);
    const changes = installChanges(dir, r);
    if (changes.length) throw fail(`was modified after it was installed (${changes.join(', ')})`);
    plugins.push(receiptPackage(dir, r));
  }
  return { plugins, ignored: [] };
}

/**
 * Every installed plugin under `root` (the newest usable version of each
 * name, from receipts); `verify` also checks file hashes. Versions not used
 * are listed in `ignored` with the reason when they are unusable.
 */
export function installedPlugins(root: string = pluginPath(), verify = false): PluginDiscovery {
  const plugins: PluginPackage[] = [];
  const ignored: IgnoredPlugin[] = [];
  for (const name of installedNames(root)) {
    const versions = readdirSync(packageDir(root, name))
      .filter((v) => semver.valid(v))
      .sort(semver.rcompare);
    let chosen = false;
    for (const v of versions) {
      const dir = versionDir(root, name, v);
      let r: InstallReceipt;
      try {
        r = readReceipt(dir);
      } catch (error) {
        ignored.push({ dir, name, reason: (error as Error).message });
        continue;
      }
      let reason: string | undefined;
      if (r.protocol !== PLUGIN_PROTOCOL)
        reason = `speaks plugin protocol ${r.protocol}, this kiln speaks ${PLUGIN_PROTOCOL}`;
      else if (verify) {
        const changes = installChanges(dir, r);
        if (changes.length)
          reason = `modified after install (${changes.join(', ')}); reinstall it with \`kiln init\``;
      }
      if (reason) ignored.push({ dir, name, reason });
      else if (!chosen) {
        plugins.push(receiptPackage(dir, r));
        chosen = true;
      } else if (verify)
        ignored.push({
          dir,
          name,
          reason: `older than ${plugins.at(-1)?.version} (not used without a lock file)`,
        });
    }
  }
  return { plugins, ignored };
}

/** The package names installed under `root` (`name` or `@scope/name` directories). */
export function installedNames(root: string): string[] {
  if (!existsSync(root)) return [];
  const names: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    if (!e.name.startsWith('@')) names.push(e.name);
    else
      for (const s of readdirSync(join(root, e.name), { withFileTypes: true }))
        if (s.isDirectory()) names.push(`${e.name}/${s.name}`);
  }
  return names.sort();
}
