import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepCacheEntryInfo } from '@kiln/plugin-sdk';
import { kilnCacheDir } from '@kiln/plugin-sdk/bundle';

/**
 * Where the qemu builder keeps its step cache, under Kiln's cache directory
 * (KILN_CACHE_DIR, else ~/.cache/kiln): qemu/entries/<key>/ holds one entry
 * (disk.qcow2 and entry.json), qemu/runs/ the working directories of
 * running builds. Both are on one file system, so that an entry is a hard
 * link of a run's layer and a run links the entries it starts from.
 */
export function qemuCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(kilnCacheDir(env), 'qemu');
}

export const entriesDir = (root = qemuCacheRoot()) => join(root, 'entries');
export const runsDir = (root = qemuCacheRoot()) => join(root, 'runs');
export const entryDir = (key: string, root = qemuCacheRoot()) => join(entriesDir(root), key);

/** The file of each layer, in an entry's directory and in a run's chain/<key>/ directory. */
export const LAYER_FILE = 'disk.qcow2';
export const META_FILE = 'entry.json';
/** The tag of the VM state snapshot inside a layer (savevm / -loadvm). */
export const SNAPSHOT_TAG = 'kiln';
/** The backing file a layer names: its parent's layer, relative, so that it resolves in entries/ and in a run's chain/ alike. */
export const parentLayerRef = (parentKey: string) => `../${parentKey}/${LAYER_FILE}`;

/** A key as core makes them (lowercase hex), so that it can name a directory. */
export const isKey = (key: string): boolean => /^[0-9a-f]{16,128}$/.test(key);

/** What entry.json holds. */
export interface EntryMeta {
  version: 1;
  key: string;
  info: StepCacheEntryInfo;
  createdAt: string;
  /** Bytes of disk.qcow2 (the step's disk writes and the VM state). */
  sizeBytes: number;
  /** The temporary SSH key the guest was given, when the build made one: a restored guest only knows that one. */
  temporaryKey?: { privateKey: string; publicKey: string };
}

/** Reads an entry's metadata; undefined when it is missing, unreadable, or not for `key`. */
export async function readEntryMeta(key: string, root = qemuCacheRoot()): Promise<EntryMeta | undefined> {
  if (!isKey(key)) return undefined;
  try {
    const meta = JSON.parse(await readFile(join(entryDir(key, root), META_FILE), 'utf8')) as EntryMeta;
    const ok =
      meta.version === 1 &&
      meta.key === key &&
      typeof meta.info?.step === 'number' &&
      (meta.info.parentKey === '' || isKey(meta.info.parentKey));
    return ok ? meta : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The keys of the chain ending at `key`, first step first; undefined when an
 * entry of it is missing or damaged (the whole chain is then a miss).
 */
export async function chainOf(key: string, root = qemuCacheRoot()): Promise<EntryMeta[] | undefined> {
  const chain: EntryMeta[] = [];
  for (let k = key; k; ) {
    const meta = await readEntryMeta(k, root);
    if (!meta || chain.length > 10_000 || chain.some((m) => m.key === k)) return undefined;
    chain.unshift(meta);
    k = meta.info.parentKey;
  }
  return chain;
}
