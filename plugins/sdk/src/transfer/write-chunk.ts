import type { Writable } from 'node:stream';

/**
 * Writes one chunk and waits for room when the stream is full. Rejects when
 * the stream fails or closes before draining, where waiting for 'drain' alone
 * would hang.
 */
export async function writeChunk<T>(out: Writable, chunk: T): Promise<void> {
  if (out.destroyed || out.writableEnded)
    throw new Error('the destination stream was closed before all data arrived');
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (e: Error) => done(e);
    const onClose = () =>
      done(out.errored ?? new Error('the destination stream was closed before all data arrived'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}
