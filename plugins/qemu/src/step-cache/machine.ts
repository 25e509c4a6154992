import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheableMachine, StepCacheEntry, StepCacheEntryInfo } from '@kiln/plugin-sdk';
import type { QemuBuildState } from '../state.js';
import {
  type EntryMeta,
  entriesDir,
  entryDir,
  isKey,
  LAYER_FILE,
  META_FILE,
  readEntryMeta,
} from './layout.js';
import { linkOrCopy } from './run-dir.js';
import { entryUsable, removeEntries, toEntry } from './store.js';
import { saveVmState } from './vm-state.js';

/**
 * Publishes a frozen layer as the entry of `key`: made complete in a
 * private directory (entries/.tmp-<pid>-*), then renamed into place in one
 * step. When a concurrent run published the key first, its entry stays
 * and this one is dropped (`own` is false): a layer on top of an entry must
 * keep the exact entry it was made on. A damaged entry is replaced, with
 * the entries made on it.
 */
export async function publishEntry(
  root: string,
  layer: string,
  meta: Omit<EntryMeta, 'sizeBytes'>,
  usable: (key: string) => Promise<boolean>,
): Promise<{ meta: EntryMeta; own: boolean }> {
  await mkdir(entriesDir(root), { recursive: true });
  const tmp = join(entriesDir(root), `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await mkdir(tmp);
  try {
    await linkOrCopy(layer, join(tmp, LAYER_FILE));
    const st = await stat(join(tmp, LAYER_FILE));
    const full: EntryMeta = { ...meta, sizeBytes: st.blocks * 512 || st.size };
    await writeFile(join(tmp, META_FILE), JSON.stringify(full, null, 2), { mode: 0o600 });
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(tmp, entryDir(meta.key, root));
        return { meta: full, own: true };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
        const existing = await readEntryMeta(meta.key, root);
        if (existing && (await usable(meta.key))) return { meta: existing, own: false };
        if (attempt > 0) throw new Error(`${entryDir(meta.key, root)} exists and is not a usable entry`);
        // A damaged entry (unreadable metadata, a layer qemu-img cannot open) is replaced.
        await removeEntries(root, [meta.key]).catch(() => undefined);
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The build's VM as a step cache machine: saving syncs the guest's disks
 * (`sync` over the communicator), writes the VM's state into the disk
 * layer of this step and publishes that layer as the entry.
 */
export function qemuMachine(state: QemuBuildState, root: string): CacheableMachine {
  return {
    get restoredKey() {
      return state.restoredKey;
    },
    async save(key: string, info: StepCacheEntryInfo, signal: AbortSignal): Promise<StepCacheEntry> {
      if (!isKey(key)) throw new Error(`not a step cache key: ${JSON.stringify(key)}`);
      const run = state.cacheRun;
      if (!run?.qmp || !state.vm || state.vm.exitReason()) throw new Error('the VM is not running');
      const parentIno = info.parentKey
        ? (await stat(join(entryDir(info.parentKey, root), LAYER_FILE)).catch(() => undefined))?.ino
        : undefined;
      if (info.parentKey && (parentIno === undefined || parentIno !== run.own.get(info.parentKey)))
        throw new Error(
          `the entry of step ${info.step - 1} is not the one this VM runs on (another run saved or replaced it meanwhile): later steps of this run are not saved`,
        );
      if (state.communicator) {
        const status = await state.communicator.exec({ command: 'sync' }, signal);
        if (status !== 0) throw new Error(`sync in the guest exited with ${status}`);
      }
      const layer = await saveVmState(run, state.driver, key, signal);
      const { meta, own } = await publishEntry(
        root,
        layer,
        {
          version: 1,
          key,
          info,
          createdAt: new Date().toISOString(),
          ...(state.temporaryKey
            ? {
                temporaryKey: {
                  privateKey: state.temporaryKey.privateKey,
                  publicKey: state.temporaryKey.publicKey,
                },
              }
            : {}),
        },
        (k) => entryUsable(state.driver, k, root),
      );
      if (own) run.own.set(key, (await stat(join(entryDir(key, root), LAYER_FILE))).ino);
      return toEntry(meta, root);
    },
  };
}
