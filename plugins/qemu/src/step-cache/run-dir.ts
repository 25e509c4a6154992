import { constants } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '@kiln/plugin-sdk';
import type { QemuConfig } from '../config.js';
import type { QemuDriver } from '../driver.js';
import type { QmpClient } from '../qmp.js';
import { diskSizeArg } from '../steps/step-create-disk.js';
import { chainOf, type EntryMeta, entryDir, LAYER_FILE, parentLayerRef, runsDir } from './layout.js';

/**
 * A cached build's working directory (qemu/runs/<run>-<random>/): chain/
 * holds the disk's layers, one directory each: the entries the build
 * started from (hard links, and a copy of the last one, which QEMU loads
 * the VM state from), the layers of the steps it saved, and the one the
 * VM writes to now (chain/.top-<n>/). Every layer names its parent as
 * ../<key>/disk.qcow2, so it opens the same here and in entries/.
 */
export interface CacheRun {
  /** The step cache directory (qemu/ in Kiln's cache directory). */
  root: string;
  dir: string;
  /** A short private directory for QEMU's monitor socket (unix socket paths are short). */
  qmpDir: string;
  qmpPath: string;
  qmp?: QmpClient;
  /** The layer the VM writes to now (its path as QEMU opened it). */
  activePath: string;
  /** QEMU's node name of the active layer, once it is one the build made by snapshot (else found by its path). */
  activeNode?: string;
  /** The key of the layer the active one is on; '' for the first. */
  activeParent: string;
  layers: number;
  /**
   * The entries that hold this VM's own layers (saved by this run, or the
   * chain it started from), by key, with the inode of their layer file: only
   * a layer on one of them, still that file, may be published.
   */
  own: Map<string, number>;
  /** The entry to start from (set until the VM is running from it, then cleared on failure). */
  restoring?: EntryMeta;
}

const chainDir = (run: CacheRun) => join(run.dir, 'chain');

const pidIn = async (file: string) => Number(await readFile(file, 'utf8').catch(() => '0'));

/**
 * Removes working directories of runs whose plugin process is gone and
 * whose VM is not running (-on-error=abort leaves one, for kiln cleanup).
 */
async function sweepRuns(root: string): Promise<void> {
  for (const name of await readdir(runsDir(root)).catch(() => [] as string[])) {
    const dir = join(runsDir(root), name);
    const owner = await pidIn(join(dir, 'owner'));
    const vm = await pidIn(join(dir, 'vm'));
    if ((owner && processAlive(owner)) || (vm && processAlive(vm))) continue;
    const qmpDir = await readFile(join(dir, 'qmp-dir'), 'utf8').catch(() => '');
    if (/\/kiln-qmp-[^/]+$/.test(qmpDir)) await rm(qmpDir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}

/** Records the VM's process, so that its working directory stays while it runs. */
export async function recordVm(run: CacheRun, pid: number): Promise<void> {
  await writeFile(join(run.dir, 'vm'), String(pid));
}

/** Makes a build's working directory (and sweeps those of dead runs). */
export async function createCacheRun(root: string, runId: string): Promise<CacheRun> {
  await sweepRuns(root);
  await mkdir(runsDir(root), { recursive: true });
  const dir = await mkdtemp(join(runsDir(root), `${runId.replace(/[^\w.-]/g, '_').slice(0, 40)}-`));
  await writeFile(join(dir, 'owner'), String(process.pid));
  await mkdir(join(dir, 'chain'));
  const qmpDir = await mkdtemp(join(tmpdir(), 'kiln-qmp-'));
  await writeFile(join(dir, 'qmp-dir'), qmpDir);
  return {
    root,
    dir,
    qmpDir,
    qmpPath: join(qmpDir, 'qmp.sock'),
    activePath: '',
    activeParent: '',
    layers: 0,
    own: new Map(),
  };
}

/** Removes the working directory and the monitor's directory. */
export async function disposeCacheRun(run: CacheRun): Promise<void> {
  run.qmp?.close();
  run.qmp = undefined;
  await rm(run.dir, { recursive: true, force: true });
  await rm(run.qmpDir, { recursive: true, force: true });
}

/** Creates the next layer (chain/.top-<n>/disk.qcow2) on `parentKey`'s, not yet in use. */
export async function createLayer(
  run: CacheRun,
  driver: QemuDriver,
  parentKey: string,
  virtualSize: string,
  signal?: AbortSignal,
): Promise<string> {
  run.layers += 1;
  const dir = join(chainDir(run), `.top-${run.layers}`);
  await mkdir(dir);
  const path = join(dir, LAYER_FILE);
  await driver.qemuImg(
    ['create', '-f', 'qcow2', '-u', '-b', parentLayerRef(parentKey), '-F', 'qcow2', path, virtualSize],
    signal,
  );
  return path;
}

/**
 * The first layer of a build from scratch: an empty qcow2 disk, or (disk_image)
 * one backed by the image, read-only.
 */
export async function firstLayer(
  run: CacheRun,
  driver: QemuDriver,
  config: QemuConfig,
  image: string,
  signal?: AbortSignal,
): Promise<void> {
  await rm(chainDir(run), { recursive: true, force: true });
  await mkdir(chainDir(run));
  run.layers = 1;
  const dir = join(chainDir(run), '.top-1');
  await mkdir(dir);
  const path = join(dir, LAYER_FILE);
  const size = diskSizeArg(config.diskSize);
  if (config.diskImage) {
    const { format } = JSON.parse(await driver.qemuImg(['info', '--output=json', image], signal)) as {
      format: string;
    };
    await driver.qemuImg(['create', '-f', 'qcow2', '-b', image, '-F', format, path, size], signal);
  } else {
    await driver.qemuImg(['create', '-f', 'qcow2', path, size], signal);
  }
  run.activePath = path;
  run.activeNode = undefined;
  run.activeParent = '';
  run.own.clear();
}

/**
 * Lays out the chain of entry `key` in the working directory: hard links of
 * its ancestors' layers, and a copy of its own (QEMU writes to the image it
 * loads the VM state from; an entry is never written). Undefined when an
 * entry has gone meanwhile.
 */
export async function restoreLayers(
  run: CacheRun,
  key: string,
  root: string,
): Promise<EntryMeta | undefined> {
  const chain = await chainOf(key, root);
  if (!chain) return undefined;
  const own = new Map<string, number>();
  try {
    for (const [i, meta] of chain.entries()) {
      const from = join(entryDir(meta.key, root), LAYER_FILE);
      const dir = join(chainDir(run), meta.key);
      await mkdir(dir);
      own.set(meta.key, (await stat(from)).ino);
      if (i < chain.length - 1) await linkOrCopy(from, join(dir, LAYER_FILE));
      else await copyFile(from, join(dir, LAYER_FILE), constants.COPYFILE_FICLONE);
    }
  } catch {
    return undefined;
  }
  const last = chain[chain.length - 1]!;
  run.activePath = join(chainDir(run), key, LAYER_FILE);
  run.activeParent = last.info.parentKey;
  run.restoring = last;
  run.own = own;
  return last;
}

/** A hard link (same file system); a copy when linking is refused. */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK') throw e;
    await copyFile(from, to, constants.COPYFILE_FICLONE);
  }
}

/** chain/<key>/ of this run. */
export const chainLayerDir = (run: CacheRun, key: string) => join(chainDir(run), key);
