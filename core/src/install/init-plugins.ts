import { join } from 'node:path';
import type { RequiredPlugin } from '../config/model.js';
import {
  initPackerPlugin,
  isPackerLock,
  type PackerInitOutcome,
} from '../packer-bridge/install/packer-init.js';
import { satisfies } from './constraint.js';
import { PluginInstallError } from './install-error.js';
import { type InstallOutcome, installPackage, installResolved, intactInstall } from './install-package.js';
import { type LockedPlugin, lockFilePath, readLock, templateDir, writeLock } from './lock-file.js';
import { pickFromMirror, readMirror } from './mirror-index.js';
import { loadNpmConfig, type NpmConfig } from './npm-config.js';
import { pluginPath } from './plugin-path.js';
import { type PluginRequirement, pluginRequirements } from './requirement.js';
import { resolvePlugin } from './resolve.js';
import { templateFingerprint } from './up-to-date.js';

/** What `kiln init` needs. */
export interface InitOptions {
  templatePath: string;
  required: RequiredPlugin[];
  /** Re-resolve every plugin, ignoring the lock, and move the lock. */
  upgrade?: boolean;
  /** Install from this mirror directory instead of the registry. */
  mirror?: string;
  env?: NodeJS.ProcessEnv;
  /** Called for each plugin as it is settled. */
  onPlugin?: (p: InitRecord) => void;
}

/** One required plugin after init. */
export interface InitRecord {
  requirement: PluginRequirement;
  version: string;
  dir: string;
  /** False when it was already installed. */
  installed: boolean;
}

/** The outcome of `kiln init`. */
export interface InitResult {
  plugins: InitRecord[];
  lockFile: string;
  lockChanged: boolean;
}

/**
 * Installs the template's required plugins: exactly the locked versions when
 * the lock file has them (and they still satisfy the constraint), else the
 * newest compatible version from the registry (or mirror); then writes the
 * lock file. Problems are collected and thrown together.
 */
export async function initPlugins(o: InitOptions): Promise<InitResult> {
  const env = o.env ?? process.env;
  const { requirements, errors } = pluginRequirements(o.required);
  const lockFile = lockFilePath(o.templatePath);
  const lock = readLock(lockFile) ?? { version: 1 as const, plugins: {} };
  const root = pluginPath(env);
  let npm: NpmConfig | undefined;
  const npmConfig = () => (npm ??= loadNpmConfig(templateDir(o.templatePath), env));
  const plugins: InitRecord[] = [];
  const next: Record<string, LockedPlugin> = {};
  for (const req of requirements) {
    try {
      const packer = await packerPlugin(req, o.upgrade ? undefined : lock.plugins[req.source], o, npmConfig);
      if (packer) {
        const record = {
          requirement: req,
          version: packer.version,
          dir: packer.dir,
          installed: packer.installed,
        };
        plugins.push(record);
        o.onPlugin?.(record);
        next[req.source] = packer.lock;
        continue;
      }
      const locked = o.upgrade ? undefined : usableLock(lock.plugins[req.source], req);
      let outcome: InstallOutcome | undefined;
      if (locked) {
        const have = await intactInstall(root, req.packageName, locked.version, locked.integrity);
        if (have) outcome = { ...have, installed: false };
      }
      outcome ??= o.mirror
        ? await fromMirror(o.mirror, root, req, npmConfig(), locked)
        : await fromRegistry(root, req, npmConfig(), locked);
      const record = {
        requirement: req,
        version: outcome.receipt.version,
        dir: outcome.dir,
        installed: outcome.installed,
      };
      plugins.push(record);
      o.onPlugin?.(record);
      next[req.source] = {
        package: req.packageName,
        version: outcome.receipt.version,
        integrity: outcome.receipt.integrity,
        constraint: req.constraint.packer,
      };
    } catch (error) {
      errors.push(
        `${req.at}required plugin "${req.localName}" (${req.source} ${req.constraint.packer}): ${(error as Error).message}`,
      );
      if (lock.plugins[req.source]) next[req.source] = lock.plugins[req.source]!;
    }
  }
  const template = errors.length ? lock.template : templateFingerprint(o.templatePath);
  const merged = { version: 1 as const, ...(template ? { template } : {}), plugins: next };
  const lockChanged =
    lock.template !== template || JSON.stringify(sortKeys(lock.plugins)) !== JSON.stringify(sortKeys(next));
  if (lockChanged && Object.keys(next).length) await writeLock(lockFile, merged);
  if (errors.length) throw new PluginInstallError(errors.join('\n'));
  return { plugins, lockFile, lockChanged };
}

/**
 * The Packer-binary route of `kiln init`: a source locked to a Packer binary
 * stays one; a github.com source for which no npm package exists (the
 * registry answers 404 for its package name) is fetched from the plugin's
 * GitHub releases, as `packer init` does. Undefined: use npm.
 */
async function packerPlugin(
  req: PluginRequirement,
  locked: LockedPlugin | undefined,
  o: InitOptions,
  npm: () => NpmConfig,
): Promise<PackerInitOutcome | undefined> {
  const env = o.env ?? process.env;
  if (isPackerLock(locked)) return initPackerPlugin(req.source, req.constraint, locked, env);
  if (o.mirror || !/^github\.com\//i.test(req.source)) return undefined;
  try {
    await resolvePlugin({ name: req.packageName, constraint: req.constraint, npm: npm() });
    return undefined;
  } catch (error) {
    if (!notFound(error)) return undefined;
  }
  return initPackerPlugin(req.source, req.constraint, undefined, env);
}

function notFound(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; statusCode?: number } }).cause;
  return cause?.code === 'E404' || cause?.statusCode === 404;
}

function usableLock(l: LockedPlugin | undefined, req: PluginRequirement): LockedPlugin | undefined {
  return l && l.package === req.packageName && satisfies(l.version, req.constraint) ? l : undefined;
}

function sortKeys(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
}

async function fromRegistry(
  root: string,
  req: PluginRequirement,
  npm: NpmConfig,
  locked?: LockedPlugin,
): Promise<InstallOutcome> {
  const r = await resolvePlugin({
    name: req.packageName,
    constraint: req.constraint,
    npm,
    ...(locked ? { exact: locked.version } : {}),
  });
  if (locked && r.integrity !== locked.integrity)
    throw new PluginInstallError(
      `${r.name}@${r.version} in ${r.registry} has integrity ${r.integrity}, but the lock file records ${locked.integrity}; the published package changed. Run \`kiln init -upgrade\` if you trust the new one.`,
    );
  return installResolved(root, r, req.source, npm);
}

async function fromMirror(
  dir: string,
  root: string,
  req: PluginRequirement,
  npm: NpmConfig,
  locked?: LockedPlugin,
): Promise<InstallOutcome> {
  const index = readMirror(dir);
  const { version, entry } = pickFromMirror(dir, index, req.packageName, req.constraint, locked?.version);
  if (locked && entry.integrity !== locked.integrity)
    throw new PluginInstallError(
      `the mirror's ${req.packageName}@${version} has integrity ${entry.integrity}, but the lock file records ${locked.integrity}`,
    );
  const file = join(dir, entry.file);
  return installPackage({
    root,
    spec: `file:${file}`,
    name: req.packageName,
    version,
    integrity: entry.integrity,
    source: req.source,
    resolved: file,
    npm,
    deps: entry.deps
      ? { kind: 'tarball', file: join(dir, entry.deps.file), integrity: entry.deps.integrity }
      : { kind: 'npm' },
  });
}
