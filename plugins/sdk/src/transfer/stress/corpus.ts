import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One file of a stress corpus: where it is (relative), what it holds, its mode. */
export interface CorpusFile {
  rel: string;
  size: number;
  sha256: string;
  mode: number;
}

const MODES = [0o600, 0o640, 0o644, 0o755];
const NAMES = ['plain', 'with space', 'ünïcødé', '日本語 名前', 'dash-and_under', "quote's"];

/** SHA-256 of a buffer, hex. */
export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * File sizes of a stress run: the edges around chunk sizes, a few MiB, one
 * large file, and `count` small ones of varied sizes.
 */
export function corpusSizes(count: number, largeBytes: number): number[] {
  const edges = [0, 1, 2, 511, 4096, 65_535, 65_536, 65_537, (1 << 20) + 3, 3 << 20, largeBytes];
  const small = Array.from({ length: count }, (_, i) => (i * 7919) % 150_000);
  return [...edges, ...small];
}

/** A name for the n-th file: spaces, non-ASCII and quotes included. */
export function corpusName(n: number): string {
  return `${String(n).padStart(3, '0')} ${NAMES[n % NAMES.length]}.bin`;
}

/** Writes files of random content under `root` and describes them. */
export async function writeCorpus(
  root: string,
  entries: readonly { rel: string; size: number }[],
): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  for (const [i, e] of entries.entries()) {
    const data = randomBytes(e.size);
    const path = join(root, e.rel);
    const mode = MODES[i % MODES.length]!;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
    await chmod(path, mode);
    out.push({ rel: e.rel, size: e.size, sha256: sha256(data), mode });
  }
  return out;
}

/** Relative paths of a directory tree with `count` small files in nested folders. */
export function treeEntries(count: number): { rel: string; size: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const dir = i % 5 === 0 ? '' : `d${i % 4} ${NAMES[i % NAMES.length]}/${i % 3 ? 'sub/' : ''}`;
    return { rel: `${dir}${corpusName(i)}`, size: (i * 3571) % 20_000 };
  });
}
