import { constants, createWriteStream, type WriteStream } from 'node:fs';
import { chmod, copyFile, rename, rm, stat, utimes } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { tempNameFor } from './temp-name.js';

/** Options of {@link writeFileAtomic} and {@link openFileAtomic}. */
export interface AtomicFileOptions {
  /** Mode of the final file, applied exactly (not filtered by the umask). Default 0o644. */
  mode?: number;
  /** When set, the transfer fails unless exactly this many bytes arrived. */
  size?: number;
}

/**
 * A local file being written under a temporary name beside its final one.
 * `commit()` waits until the stream has ended and closed its descriptor, sets
 * the mode and renames it into place; `discard()` removes it. Until commit
 * resolves, nothing is visible under the final name.
 */
export interface AtomicFile {
  readonly path: string;
  readonly tempPath: string;
  readonly stream: WriteStream;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Opens `path` for an all-or-nothing write (see {@link AtomicFile}). */
export function openFileAtomic(path: string, options: AtomicFileOptions = {}): AtomicFile {
  const tempPath = tempNameFor(path);
  const stream = createWriteStream(tempPath, { flags: 'wx', mode: 0o600, highWaterMark: 1 << 20 });
  const mode = options.mode ?? 0o644;
  let settled = false;
  return {
    path,
    tempPath,
    stream,
    async commit() {
      if (settled) throw new Error(`${path}: already committed or discarded`);
      settled = true;
      try {
        if (!stream.writableEnded) stream.end();
        await finished(stream);
        if (options.size !== undefined && stream.bytesWritten !== options.size)
          throw new Error(`${path}: ${stream.bytesWritten} bytes arrived, ${options.size} expected`);
        await chmod(tempPath, mode & 0o7777);
        await rename(tempPath, path);
      } catch (error) {
        await rm(tempPath, { force: true });
        throw error;
      }
    },
    async discard() {
      settled = true;
      if (!stream.destroyed) stream.destroy();
      await finished(stream).catch(() => {});
      await rm(tempPath, { force: true });
    },
  };
}

/**
 * Writes a whole stream to `path` through a temporary name and a rename, so
 * that `path` holds either its previous content or every byte of `source`,
 * never part of it. Resolves once the data is on disk under the final name
 * with the requested mode and `source` has been read to its end; on failure
 * or abort, the temporary file is gone.
 */
export async function writeFileAtomic(
  path: string,
  source: Readable | AsyncIterable<Buffer>,
  options: AtomicFileOptions & { signal?: AbortSignal } = {},
): Promise<void> {
  const file = openFileAtomic(path, options);
  try {
    await pipeline(source, file.stream, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    await file.discard();
    throw error;
  }
  await file.commit();
}

/**
 * Copies a local file to `to` through a temporary name and a rename, keeping
 * the source's mode (exactly) and modification time.
 */
export async function copyFileAtomic(from: string, to: string): Promise<void> {
  const temp = tempNameFor(to);
  try {
    await copyFile(from, temp, constants.COPYFILE_EXCL);
    const st = await stat(from);
    await chmod(temp, st.mode & 0o7777);
    await utimes(temp, st.atime, st.mtime);
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
