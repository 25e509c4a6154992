import { createHash } from 'node:crypto';
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { digestFromFile, fileDigest, parseChecksum } from '../checksum.js';
import type { QemuConfig } from '../config.js';
import { fetchText } from '../steps/step-download.js';

/** Why a qemu build cannot be cached; undefined when it can. */
export function notCacheable(config: QemuConfig): string | undefined {
  if (config.format !== 'qcow2')
    return `format = "${config.format}": a VM state can only be saved in qcow2 disks`;
  if (config.floppyFiles.length || config.floppyDirs.length)
    return 'floppy_files / floppy_dirs: the floppy image is writable and cannot hold a VM state';
  if (config.diskAdditionalSize.length) return 'disk_additional_size: only builds with one disk are cached';
  if (config.comm.type !== 'ssh') return `communicator = "${config.comm.type}": the guest is synced over SSH`;
  return undefined;
}

/** The identity of the ISO or disk image: its digest (the declared one, else the local file's). */
async function isoIdentity(config: QemuConfig, signal: AbortSignal): Promise<string> {
  const url = config.isoUrls[0]!;
  const remote = /^https?:\/\//.test(url);
  const checksum = parseChecksum(config.isoChecksum);
  if (checksum.kind === 'digest' && checksum.hex) return `${checksum.algorithm}:${checksum.hex}`;
  if (checksum.kind === 'file') {
    const name = basename(remote ? new URL(url).pathname : url.replace(/^file:\/\//, ''));
    const d = await digestFromFile(checksum, name, (u) => fetchText(u, signal));
    return `${d.algorithm}:${d.hex}`;
  }
  if (remote) throw new Error('iso_checksum = "none" on a URL: the ISO cannot be identified');
  const path = url.startsWith('file://') ? fileURLToPath(url) : resolve(url);
  return `sha256:${await fileDigest(path, 'sha256', signal)}`;
}

/** A digest of a directory's tree (names, contents, modes, link targets), in a fixed order. */
export async function directoryDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (d: string, rel: string): Promise<void> => {
    const names = (await readdir(d)).sort();
    for (const name of names) {
      const path = join(d, name);
      const st = await stat(path).catch(() => undefined);
      const r = `${rel}${name}`;
      if (!st) hash.update(`link\0${r}\0${await readlink(path).catch(() => '')}\0`);
      else if (st.isDirectory()) {
        hash.update(`dir\0${r}\0`);
        await walk(path, `${r}/`);
      } else hash.update(`file\0${r}\0${st.mode & 0o111 ? 'x' : '-'}\0`).update(await readFile(path));
    }
  };
  await walk(dir, '');
  return hash.digest('hex');
}

/**
 * The qemu builder's base for the step cache: the ISO's (or disk image's)
 * digest and every setting that shapes the machine before the first
 * provisioner: disk, machine, CPUs, memory, devices, qemuargs, the boot
 * command and what the HTTP server serves it (a preseed or kickstart file).
 * Throws when the build cannot be cached (see {@link notCacheable}).
 */
export async function qemuCacheBase(config: QemuConfig, signal: AbortSignal): Promise<string> {
  const why = notCacheable(config);
  if (why) throw new Error(why);
  const http =
    config.httpDirectory && (await stat(config.httpDirectory).catch(() => undefined))?.isDirectory()
      ? await directoryDigest(config.httpDirectory)
      : '';
  return JSON.stringify({
    iso: await isoIdentity(config, signal),
    diskImage: config.diskImage,
    useBackingFile: config.useBackingFile,
    diskSize: config.diskSize,
    diskInterface: config.diskInterface,
    diskCache: config.diskCache,
    diskDiscard: config.diskDiscard,
    netDevice: config.netDevice,
    accelerator: config.accelerator,
    machineType: config.machineType,
    cpuModel: config.cpuModel ?? '',
    cpus: config.cpus,
    memory: config.memory,
    qemuBinary: config.qemuBinary,
    qemuArgs: config.qemuArgs,
    bootCommand: config.bootCommand,
    http,
    httpContent: config.httpContent,
  });
}
