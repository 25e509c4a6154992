import type { Readable } from 'node:stream';

/**
 * Refuses an upload source that something else is already reading: a stream
 * in flowing mode (a 'data' listener, `resume()`, a `pipe()` elsewhere) hands
 * its chunks to whoever listens, and those chunks never reach the
 * destination. Communicators call this before their first `await`, which is
 * exactly when such a stream would start losing data. Bytes read on purpose
 * before the upload (a protocol header, as a stream broker's handshake) are
 * not a problem: only flowing mode hands chunks away.
 */
export function assertUnreadSource(source: Readable, destination: string): void {
  const problem = source.destroyed
    ? 'is destroyed'
    : source.readableEnded
      ? 'has already ended'
      : source.readableFlowing === true
        ? 'is already being read elsewhere (a data listener, resume() or pipe())'
        : undefined;
  if (problem)
    throw new Error(
      `upload to ${destination}: the source stream ${problem}, so its bytes would not all arrive; ` +
        'pass a stream nothing else reads',
    );
}
