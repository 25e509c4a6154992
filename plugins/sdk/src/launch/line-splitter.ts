import type { Readable } from 'node:stream';

/** Calls `onLine` for every complete line of a stream (without the newline), and once for a trailing partial line at its end. */
export function splitLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      onLine(pending.slice(0, nl).replace(/\r$/, ''));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
    pending = '';
  });
  stream.on('error', () => {});
}

/** A fixed-size buffer of the most recent lines. */
export class RingBuffer {
  readonly #lines: string[] = [];
  constructor(readonly capacity: number) {}

  push(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.capacity) this.#lines.shift();
  }

  snapshot(): string[] {
    return [...this.#lines];
  }
}
