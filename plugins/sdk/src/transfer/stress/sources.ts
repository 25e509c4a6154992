import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FileInfo } from '../../communicator.js';

/** How a stress upload hands its bytes to the communicator. */
export type SourceKind = 'file' | 'buffer' | 'unknown-size' | 'trickle';
export const SOURCE_KINDS: readonly SourceKind[] = ['file', 'buffer', 'unknown-size', 'trickle'];

/**
 * An upload source of `kind` for a local file: the file's own stream (which
 * a communicator may send by path), its bytes in odd-sized chunks with or
 * without a size, or chunks that arrive with pauses between them.
 */
export async function uploadSource(
  kind: SourceKind,
  path: string,
  size: number,
  mode: number,
): Promise<{ stream: Readable; info: FileInfo }> {
  if (kind === 'file') return { stream: createReadStream(path), info: { mode, size } };
  const data = await readFile(path);
  const pieces = function* () {
    for (let i = 0, n = 1; i < data.length; i += n, n = (n * 5 + 3) % 200_003 || 1)
      yield data.subarray(i, i + n);
  };
  if (kind === 'trickle') {
    const stream = Readable.from(
      (async function* () {
        let k = 0;
        for (const piece of pieces()) {
          if (k++ % 16 === 0) await sleep(1);
          yield piece;
        }
      })(),
    );
    return { stream, info: { mode, size } };
  }
  const stream = Readable.from(pieces());
  return { stream, info: kind === 'buffer' ? { mode, size } : { mode } };
}
