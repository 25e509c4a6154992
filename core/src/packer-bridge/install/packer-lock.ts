import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LockedPlugin } from '../../install/lock-file.js';
import { kilnPackerDir } from './plugin-dirs.js';

// What locates and checks an installed Packer plugin binary, kept apart from
// the installers so that the up-to-date check of every `kiln init`, build and
// validate loads none of them.

/** `github.com/OWNER/NAME` (a leading "packer-plugin-" in NAME is dropped, as Packer does). */
const SOURCE = /^([a-zA-Z0-9.-]+)\/([a-zA-Z0-9_.-]+)\/(?:packer-plugin-)?([A-Za-z0-9][A-Za-z0-9-]*)$/;

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

/** Normalises a plugin source address; throws saying what a valid one looks like. */
export function parsePackerSource(source: string): { host: string; namespace: string; name: string } {
  const m = SOURCE.exec(source.trim());
  if (!m)
    throw new Error(
      `"${source}" is not a plugin source address: expected HOST/NAMESPACE/NAME, e.g. github.com/hashicorp/qemu`,
    );
  return { host: m[1]!.toLowerCase(), namespace: m[2]!.toLowerCase(), name: m[3]! };
}

/** The file name Packer gives an installed binary. */
export function binaryFileName(name: string, version: string, apiVersion: string): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = GOARCH[process.arch] ?? process.arch;
  return `packer-plugin-${name}_v${version}_${apiVersion}_${os}_${arch}${os === 'windows' ? '.exe' : ''}`;
}

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
