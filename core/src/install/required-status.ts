import { existsSync, readdirSync } from 'node:fs';
import semver from 'semver';
import type { RequiredPlugin } from '../config/model.js';
import { satisfies } from './constraint.js';
import { installChanges } from './file-hashes.js';
import { lockFilePath, readLock } from './lock-file.js';
import { packageDir, pluginPath, versionDir } from './plugin-path.js';
import { readReceipt } from './receipt.js';
import { type PluginRequirement, pluginRequirements } from './requirement.js';

/** One required plugin and what is installed for it. */
export interface RequiredStatus {
  requirement: PluginRequirement;
  locked?: { version: string; integrity: string };
  /** The version that would be used, when one is installed and intact. */
  installed?: string;
  /** Why the plugin is not usable, when it is not. */
  problem?: string;
}

/** The template's required plugins and, for each, whether it is installed as the lock file says. */
export function requiredStatus(
  templatePath: string,
  required: RequiredPlugin[],
  env: NodeJS.ProcessEnv = process.env,
): { plugins: RequiredStatus[]; errors: string[] } {
  const { requirements, errors } = pluginRequirements(required);
  const lock = readLock(lockFilePath(templatePath));
  const root = pluginPath(env);
  const plugins = requirements.map((req): RequiredStatus => {
    const l = lock?.plugins[req.source];
    if (l && l.package === req.packageName) {
      const s: RequiredStatus = { requirement: req, locked: { version: l.version, integrity: l.integrity } };
      const dir = versionDir(root, l.package, l.version);
      if (!existsSync(dir)) return { ...s, problem: `locked ${l.version} is not installed` };
      try {
        const r = readReceipt(dir);
        if (r.integrity !== l.integrity)
          return { ...s, problem: 'installed integrity differs from the lock file' };
        const changes = installChanges(dir, r, 3);
        if (changes.length) return { ...s, problem: `modified after install (${changes.join(', ')})` };
        if (!satisfies(l.version, req.constraint))
          return {
            ...s,
            installed: l.version,
            problem: `locked ${l.version} does not satisfy the constraint`,
          };
        return { ...s, installed: l.version };
      } catch (error) {
        return { ...s, problem: (error as Error).message };
      }
    }
    const pkg = packageDir(root, req.packageName);
    const versions = existsSync(pkg)
      ? readdirSync(pkg)
          .filter((v) => semver.valid(v) && satisfies(v, req.constraint))
          .sort(semver.rcompare)
      : [];
    if (versions[0]) return { requirement: req, installed: versions[0], problem: 'not in the lock file' };
    return { requirement: req, problem: 'not installed' };
  });
  return { plugins, errors };
}
