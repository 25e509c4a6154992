import { dirname } from 'node:path';
import { satisfies, type VersionConstraint } from '../../install/constraint.js';
import type { LockedPlugin } from '../../install/lock-file.js';
import { installFromGithub } from './github-release.js';
import { isPackerLock, lockedBinaryPath, PACKER_LOCK_PREFIX, packerLockIntact } from './packer-lock.js';

export { isPackerLock, lockedBinaryPath, PACKER_LOCK_PREFIX, packerLockIntact };

/** One Packer plugin settled by `kiln init`. */
export interface PackerInitOutcome {
  version: string;
  dir: string;
  installed: boolean;
  lock: LockedPlugin;
}

/**
 * `kiln init` for a required plugin served by a Packer binary from GitHub
 * releases: the locked version when the lock file has one that still
 * satisfies the constraint (nothing fetched when it is installed intact),
 * else the newest matching release.
 */
export async function initPackerPlugin(
  source: string,
  constraint: VersionConstraint,
  locked: LockedPlugin | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PackerInitOutcome> {
  const lockFor = (version: string, integrity: string): LockedPlugin => ({
    package: `${PACKER_LOCK_PREFIX}${source}`,
    version,
    integrity,
    constraint: constraint.packer,
  });
  const usable = locked && isPackerLock(locked) && satisfies(locked.version, constraint) ? locked : undefined;
  if (usable && packerLockIntact(usable, env))
    return {
      version: usable.version,
      dir: dirname(lockedBinaryPath(usable, env)),
      installed: false,
      lock: usable,
    };
  const out = await installFromGithub(source, constraint, {
    env,
    ...(usable ? { exact: usable.version, integrity: usable.integrity } : {}),
  });
  return {
    version: out.version,
    dir: dirname(out.path),
    installed: out.installed,
    lock: lockFor(out.version, out.integrity),
  };
}
