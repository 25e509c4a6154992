import type { Readable } from 'node:stream';

/** Pull-style reads (a byte, a line, n bytes) over a stream, for the scp protocol. */
export class ByteReader {
  #chunks: Buffer[] = [];
  #length = 0;
  #ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(stream: Readable) {
    stream.on('data', (c: Buffer) => {
      this.#chunks.push(c);
      this.#length += c.length;
      this.#notify();
    });
    stream.on('end', () => {
      this.#ended = true;
      this.#notify();
    });
    stream.on('close', () => {
      this.#ended = true;
      this.#notify();
    });
    stream.on('error', (e: Error) => {
      this.#error = e;
      this.#notify();
    });
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  async #fill(n: number): Promise<void> {
    while (this.#length < n) {
      if (this.#error) throw this.#error;
      if (this.#ended) throw new Error('scp: the remote end closed the connection');
      await new Promise<void>((r) => {
        this.#wake = r;
      });
    }
  }

  #take(n: number): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.#chunks = rest.length ? [rest] : [];
    this.#length = rest.length;
    return out;
  }

  async byte(): Promise<number> {
    await this.#fill(1);
    return this.#take(1)[0]!;
  }

  /** Reads up to and without the next "\n". */
  async line(): Promise<string> {
    for (;;) {
      const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
      this.#chunks = all.length ? [all] : [];
      const i = all.indexOf(10);
      if (i >= 0)
        return this.#take(i + 1)
          .subarray(0, i)
          .toString('utf8');
      await this.#fill(this.#length + 1);
    }
  }

  /** Passes exactly `n` bytes to `sink`, as they arrive. */
  async copy(n: number, sink: (chunk: Buffer) => Promise<void> | void): Promise<void> {
    let left = n;
    while (left > 0) {
      await this.#fill(1);
      const c = this.#take(Math.min(left, this.#length));
      left -= c.length;
      await sink(c);
    }
  }
}
