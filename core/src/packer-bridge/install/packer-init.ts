import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { satisfies, type VersionConstraint } from '../../install/constraint.js';
import type { LockedPlugin } from '../../install/lock-file.js';
import { installFromGithub } from './github-release.js';
import { binaryFileName, parsePackerSource } from './install-binary.js';
import { kilnPackerDir } from './plugin-dirs.js';

/** Lock entries of Packer plugin binaries name their package `packer:SOURCE`. */
export const PACKER_LOCK_PREFIX = 'packer:';

/** The parts of a lock entry that locate and check a binary. */
type LockEntry = Pick<LockedPlugin, 'package' | 'version' | 'integrity'>;

export function isPackerLock(l: LockEntry | undefined): boolean {
  return l?.package.startsWith(PACKER_LOCK_PREFIX) === true;
}

/** Where a locked Packer binary is installed. */
export function lockedBinaryPath(l: LockEntry, env: NodeJS.ProcessEnv = process.env): string {
  const { host, namespace, name } = parsePackerSource(l.package.slice(PACKER_LOCK_PREFIX.length));
  return join(kilnPackerDir(env), host, namespace, name, binaryFileName(name, l.version, 'x5.0'));
}

/** Whether the locked binary is installed with the locked checksum (its _SHA256SUM file; cheap). */
export function packerLockIntact(l: LockEntry, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = lockedBinaryPath(l, env);
  try {
    return existsSync(file) && `sha256:${readFileSync(`${file}_SHA256SUM`, 'utf8').trim()}` === l.integrity;
  } catch {
    return false;
  }
}

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
