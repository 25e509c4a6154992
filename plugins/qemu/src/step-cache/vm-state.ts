import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { QemuDriver } from '../driver.js';
import type { QmpClient } from '../qmp.js';
import { SNAPSHOT_TAG } from './layout.js';
import { type CacheRun, chainLayerDir, createLayer } from './run-dir.js';

interface BlockInfo {
  device: string;
  qdev?: string;
  inserted?: { file: string; 'node-name': string; image: { 'virtual-size': number } };
}

/** QEMU's command line additions of a cached build: the monitor, and the VM state to start from. */
export function cacheVmArgs(run: CacheRun): string[] {
  return [
    '-qmp',
    `unix:${run.qmpPath},server=on,wait=off`,
    ...(run.restoring ? ['-loadvm', SNAPSHOT_TAG, '-S'] : []),
  ];
}

function monitor(run: CacheRun): QmpClient {
  if (!run.qmp) throw new Error("QEMU's monitor is not connected");
  return run.qmp;
}

/**
 * Ends the active layer: the VM goes on writing to a new layer on top
 * (an external snapshot, QEMU's blockdev-snapshot-sync), and the old one,
 * read-only from now on, becomes chain/<key>/. The VM must be paused.
 */
export async function freezeActive(
  run: CacheRun,
  driver: QemuDriver,
  key: string,
  signal?: AbortSignal,
): Promise<string> {
  const qmp = monitor(run);
  const blocks = await qmp.command<BlockInfo[]>('query-block');
  const disk = blocks.find((b) =>
    run.activeNode ? b.inserted?.['node-name'] === run.activeNode : b.inserted?.file === run.activePath,
  )?.inserted;
  if (!disk) throw new Error(`QEMU has no drive on ${run.activePath}`);
  const frozen = run.activePath;
  const next = await createLayer(run, driver, key, String(disk.image['virtual-size']), signal);
  try {
    await qmp.command('blockdev-snapshot-sync', {
      'node-name': disk['node-name'],
      'snapshot-file': next,
      'snapshot-node-name': `kiln-layer-${run.layers}`,
      format: 'qcow2',
      mode: 'existing',
    });
  } catch (e) {
    await rm(dirname(next), { recursive: true, force: true });
    throw e;
  }
  const home = chainLayerDir(run, key);
  if (dirname(frozen) !== home) await rename(dirname(frozen), home);
  run.activePath = next;
  run.activeNode = `kiln-layer-${run.layers}`;
  run.activeParent = key;
  return `${home}/${frozen.slice(dirname(frozen).length + 1)}`;
}

/**
 * Saves the VM as the layer of `key`: paused, its state (RAM, devices) is
 * written into the active layer with savevm, the layer is frozen, and the
 * VM resumes on a new one. Returns the frozen layer's path.
 */
export async function saveVmState(
  run: CacheRun,
  driver: QemuDriver,
  key: string,
  signal?: AbortSignal,
): Promise<string> {
  const qmp = monitor(run);
  await qmp.command('stop');
  try {
    await qmp.hmp(`savevm ${SNAPSHOT_TAG}`);
    return await freezeActive(run, driver, key, signal);
  } finally {
    await qmp.command('cont');
  }
}

/** After QEMU started with -loadvm -S: the copied entry becomes read-only under a new layer, then the VM runs. */
export async function resumeRestored(run: CacheRun, driver: QemuDriver, signal?: AbortSignal): Promise<void> {
  const entry = run.restoring;
  if (!entry) return;
  const status = await monitor(run).command<{ status: string }>('query-status');
  if (status.status !== 'prelaunch' && status.status !== 'paused')
    throw new Error(`QEMU is ${status.status} after loading the VM state`);
  await freezeActive(run, driver, entry.key, signal);
  await monitor(run).command('cont');
}
