import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A tar header as tar-stream reports it (the fields transfers use). */
export interface TarHeader {
  name: string;
  type?: string | null;
  mode?: number | null;
  size?: number | null;
  linkname?: string | null;
}

/**
 * Feeds each entry of a tar stream to `handle`, one at a time, and resolves
 * once the archive was read to its end and every entry handled. `handle`
 * must consume the entry's stream (or resume it). Works with tar-stream's
 * 'entry' events, which both its major versions in use here emit.
 */
export async function forEachTarEntry(
  source: Readable,
  handle: (header: TarHeader, entry: Readable) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const tar = await import('tar-stream');
  const extract = (tar.default ?? tar).extract() as unknown as Writable & {
    on(event: 'entry', fn: (h: TarHeader, s: Readable, next: (e?: Error) => void) => void): void;
  };
  extract.on('entry', (header, stream, next) => {
    // When the pipeline fails or is aborted, tar-stream destroys the entry
    // being read with that error; a handler that is not reading it (a
    // directory entry while its mkdir runs) has no listener, and the error
    // would be uncaught. The pipeline reports it already.
    stream.on('error', () => {});
    handle(header, stream).then(
      () => next(),
      (error: Error) => {
        stream.resume();
        extract.destroy(error);
      },
    );
  });
  await pipeline(source, extract, signal ? { signal } : {});
}
