import type { Readable } from 'node:stream';

/**
 * Refuses an upload source that something else is already reading: a stream
 * in flowing mode (a 'data' listener, `resume()`, a `pipe()` elsewhere) hands
 * its chunks to whoever listens, and those chunks never reach the
 * destination. Communicators call this before their first `await`, which is
 * exactly when such a stream would start losing data.
 */
export function assertUnreadSource(source: Readable, destination: string): void {
  const problem = source.destroyed
    ? 'is destroyed'
    : source.readableEnded
      ? 'has already ended'
      : source.readableFlowing === true || source.readableDidRead
        ? 'is already being read elsewhere (a data listener, resume() or pipe())'
        : undefined;
  if (problem)
    throw new Error(
      `upload to ${destination}: the source stream ${problem}, so its bytes would not all arrive; ` +
        'pass a stream nothing else reads',
    );
}
