import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive, type StepCacheEntry, type StepCacheStore } from '@kiln/plugin-sdk';
import type { QemuDriver } from '../driver.js';
import { ProcessQemuDriver } from '../qemu-driver.js';
import {
  chainOf,
  type EntryMeta,
  entriesDir,
  entryDir,
  isKey,
  LAYER_FILE,
  qemuCacheRoot,
  readEntryMeta,
  SNAPSHOT_TAG,
} from './layout.js';

/**
 * True when the entry of `key` can be started from: every entry of its chain
 * has its metadata, and qemu-img opens its layer with the whole backing
 * chain and finds the VM state snapshot. Anything else is a miss.
 */
export async function entryUsable(driver: QemuDriver, key: string, root = qemuCacheRoot()): Promise<boolean> {
  const chain = await chainOf(key, root);
  if (!chain) return false;
  try {
    const info = JSON.parse(
      await driver.qemuImg([
        'info',
        '-U',
        '--backing-chain',
        '--output=json',
        join(entryDir(key, root), LAYER_FILE),
      ]),
    ) as { snapshots?: { name: string }[] }[];
    return info.length >= chain.length && (info[0]?.snapshots ?? []).some((s) => s.name === SNAPSHOT_TAG);
  } catch {
    return false;
  }
}

/** The keys of `keys` that have a usable entry. */
export async function presentKeys(
  driver: QemuDriver,
  keys: string[],
  root = qemuCacheRoot(),
): Promise<string[]> {
  const present: string[] = [];
  for (const key of keys.filter(isKey)) if (await entryUsable(driver, key, root)) present.push(key);
  return present;
}

/** An entry's metadata as the contract's StepCacheEntry. */
export const toEntry = (m: EntryMeta, root: string): StepCacheEntry => ({
  key: m.key,
  id: entryDir(m.key, root),
  sizeBytes: m.sizeBytes,
  createdAt: m.createdAt,
  builderType: 'qemu',
  info: m.info,
});

/** Removes an entry directory: renamed aside first, so that no run sees half of it. */
export async function removeEntryDir(dir: string): Promise<void> {
  const aside = join(dir, '..', `.trash-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await rename(dir, aside);
  await rm(aside, { recursive: true, force: true });
}

/** `.tmp-<pid>-*` and `.trash-<pid>-*` directories of processes that are gone (a save or removal cut short). */
async function sweepPartial(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = /^\.(?:tmp|trash)-(\d+)-/.exec(name);
    if (m && !processAlive(Number(m[1]))) await rm(join(dir, name), { recursive: true, force: true });
  }
}

/** Every entry under `root` (a directory without valid metadata under its name, so that it can be pruned). */
export async function listEntries(root: string): Promise<StepCacheEntry[]> {
  const dir = entriesDir(root);
  await sweepPartial(dir);
  const entries: StepCacheEntry[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith('.')) continue;
    const meta = await readEntryMeta(name, root);
    if (meta) {
      entries.push(toEntry(meta, root));
      continue;
    }
    const st = await stat(join(dir, name)).catch(() => undefined);
    if (!st) continue;
    entries.push({
      key: name,
      id: join(dir, name),
      sizeBytes: 0,
      createdAt: st.mtime.toISOString(),
      builderType: 'qemu',
      info: {
        template: '',
        buildName: '(damaged entry)',
        step: 0,
        provisionerType: '',
        runId: '',
        parentKey: '',
      },
    });
  }
  return entries;
}

/**
 * Removes the entries of `keys` and every entry made on top of them (an
 * entry's layer is the backing file of the next step's: left alone, a
 * later entry would sit on whatever is saved under that key next).
 */
export async function removeEntries(
  root: string,
  keys: string[],
): Promise<{ removed: string[]; failed: string[] }> {
  const removed: string[] = [];
  const failed: string[] = [];
  const all = await listEntries(root);
  const gone = new Set(keys);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of all)
      if (!gone.has(e.key) && e.info.parentKey && gone.has(e.info.parentKey)) {
        gone.add(e.key);
        grew = true;
      }
  }
  const byKey = new Map(all.map((e) => [e.key, e]));
  const ordered = [...gone].sort((a, b) => (byKey.get(b)?.info.step ?? 0) - (byKey.get(a)?.info.step ?? 0));
  for (const key of ordered) {
    const dir = join(entriesDir(root), key);
    const e = byKey.get(key);
    try {
      await removeEntryDir(dir);
      removed.push(`Removed ${dir} (${e?.info.buildName ?? '?'} step ${e?.info.step ?? '?'})`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      failed.push(`${dir}: ${(error as Error).message}`);
    }
  }
  return { removed, failed };
}

/** The qemu plugin's step cache entries: directories under Kiln's cache directory (see layout.ts). */
export function qemuStepCache(
  driver: () => QemuDriver = () => new ProcessQemuDriver(),
  root: () => string = () => qemuCacheRoot(),
): StepCacheStore {
  return {
    async check(builderType, keys) {
      return builderType === 'qemu' ? presentKeys(driver(), keys, root()) : [];
    },
    async list() {
      return { entries: await listEntries(root()), notes: [] };
    },
    remove: (entries) =>
      removeEntries(
        root(),
        entries.map((e) => e.key),
      ),
  };
}
