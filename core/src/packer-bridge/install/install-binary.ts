import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describePackerPlugin, type PackerPluginDescription } from '../describe.js';
import { sha256File } from './discover.js';
import { binaryFileName, parsePackerSource } from './packer-lock.js';
import { kilnPackerDir } from './plugin-dirs.js';

export { binaryFileName, parsePackerSource };

/** What {@link installPackerBinary} did. */
export interface BinaryInstall {
  source: string;
  version: string;
  /** The installed binary. */
  path: string;
  installed: boolean;
  description: PackerPluginDescription;
}

/**
 * Installs a Packer plugin binary for `source`, as `packer plugins install
 * --path` does: described first (API x5.0 and protocol v2 required), then
 * copied into Kiln's Packer plugin directory in Packer's layout with its
 * _SHA256SUM file. Atomic: a half-copied binary is never visible.
 */
export function installPackerBinary(
  binary: string,
  source: string,
  description: PackerPluginDescription,
  env: NodeJS.ProcessEnv = process.env,
): BinaryInstall {
  const { host, namespace, name } = parsePackerSource(source);
  const version = description.version.replace(/^v/, '');
  const dir = join(kilnPackerDir(env), host, namespace, name);
  const file = join(dir, binaryFileName(name, version, description.apiVersion));
  const sum = sha256File(binary);
  const addr = `${host}/${namespace}/${name}`;
  if (existsSync(file) && existsSync(`${file}_SHA256SUM`)) {
    if (readFileSync(`${file}_SHA256SUM`, 'utf8').trim() === sum)
      return { source: addr, version, path: file, installed: false, description };
  }
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    copyFileSync(binary, tmp);
    chmodSync(tmp, 0o755);
    if (sha256File(tmp) !== sum) throw new Error(`${binary} changed while it was copied`);
    writeFileSync(`${tmp}_SHA256SUM`, `${sum}\n`);
    renameSync(tmp, file);
    renameSync(`${tmp}_SHA256SUM`, `${file}_SHA256SUM`);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}_SHA256SUM`, { force: true });
  }
  return { source: addr, version, path: file, installed: true, description };
}

/** Describes `binary` and installs it for `source` (`kiln plugins install -path BINARY SOURCE`). */
export async function installPackerBinaryPath(
  binary: string,
  source: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BinaryInstall> {
  parsePackerSource(source);
  const description = await describePackerPlugin(binary);
  if (!description.version)
    throw new Error(`${binary} does not report a version in \`describe\`; Packer refuses to install it too`);
  return installPackerBinary(binary, source, description, env);
}

/** Whether a file starts like an executable (ELF, Mach-O, PE, or a #! script) rather than a tarball. */
export function looksExecutable(path: string): boolean {
  const head = Buffer.alloc(4);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const hex = head.toString('hex');
  return (
    hex === '7f454c46' ||
    ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(hex) ||
    hex.startsWith('4d5a') ||
    hex.startsWith('2321')
  );
}
