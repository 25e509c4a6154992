import type { Readable, Writable } from 'node:stream';
import { writeChunk } from '../transfer/write-chunk.js';

/** Size of the data chunks of uploads and downloads. */
export const CHUNK_SIZE = 64 * 1024;

/** Splits a stream's data into chunks of at most {@link CHUNK_SIZE} bytes. */
export async function* chunked(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  for await (const data of source) {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    for (let i = 0; i < buf.length; i += CHUNK_SIZE) yield buf.subarray(i, i + CHUNK_SIZE);
  }
}

/** Writes to a stream, waiting for 'drain' when it is full; fails when the stream closes first. */
export function writeWithBackpressure<T>(stream: Writable, value: T): Promise<void> {
  return writeChunk(stream, value);
}

/** True when a readable stream is a not-yet-read file stream, so its path can be sent instead. */
export function localFilePath(source: Readable): string | undefined {
  const s = source as Readable & { path?: unknown; bytesRead?: number };
  return typeof s.path === 'string' && (s.bytesRead ?? 0) === 0 ? s.path : undefined;
}
