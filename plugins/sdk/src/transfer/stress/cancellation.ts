import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Communicator } from '../../communicator.js';
import { openFileAtomic } from '../atomic-file.js';

/** A stream of `size` bytes in 64 KiB chunks with a pause every chunk; counts what was read. */
export function slowSource(size: number): Readable & { sent: number } {
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  const counter = { sent: 0 };
  const stream = Readable.from(
    (async function* () {
      for (let left = size; left > 0; left -= chunk.length) {
        await sleep(2);
        counter.sent += Math.min(left, chunk.length);
        yield chunk.subarray(0, Math.min(left, chunk.length));
      }
    })(),
  );
  return Object.defineProperty(stream, 'sent', { get: () => counter.sent }) as Readable & { sent: number };
}

/** Waits until `test()` holds, polling; fails after `ms`. */
export async function until(test: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * Starts an upload of a slow stream, aborts it once `after` bytes were read,
 * and expects the upload to reject (an upload that resolves after an abort
 * in its middle claims bytes it never sent).
 */
export async function cancelUpload(
  comm: Communicator,
  destination: string,
  after: number,
  withSize: boolean,
) {
  const size = 16 << 20;
  const source = slowSource(size);
  const ac = new AbortController();
  const upload = comm.upload(destination, source, { mode: 0o644, ...(withSize ? { size } : {}) }, ac.signal);
  upload.catch(() => {});
  await until(
    () => source.sent >= after,
    30_000,
    `${after} bytes of the upload to ${destination} to be read`,
  );
  ac.abort();
  const outcome = await upload.then(
    () => 'resolved',
    () => 'rejected',
  );
  if (outcome !== 'rejected') throw new Error(`upload to ${destination} resolved although it was cancelled`);
}

/**
 * Downloads `source` into a local file through a slow consumer, aborts after
 * `after` bytes, and expects the download to reject and nothing to be left
 * under the local final name.
 */
export async function cancelDownload(comm: Communicator, source: string, target: string, after: number) {
  const file = openFileAtomic(target);
  let got = 0;
  const slow = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, cb) {
      got += chunk.length;
      file.stream.write(chunk, () => setTimeout(cb, 2));
    },
  });
  const ac = new AbortController();
  const download = comm.download(source, slow, ac.signal);
  download.catch(() => {});
  await until(() => got >= after, 30_000, `${after} bytes of ${source} to arrive`);
  ac.abort();
  const outcome = await download.then(
    () => 'resolved',
    () => 'rejected',
  );
  await file.discard();
  if (outcome !== 'rejected') throw new Error(`download of ${source} resolved although it was cancelled`);
}
