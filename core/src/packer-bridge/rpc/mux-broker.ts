import type { Duplex } from 'node:stream';
import { YamuxSession } from '../yamux/session.js';
import type { YamuxStream } from '../yamux/stream.js';

/** How long a stream the plugin opened waits for someone here to accept its id. */
const UNCLAIMED_MS = 30_000;

/**
 * Packer's stream broker over a yamux session: every logical connection
 * starts with its 32-bit id (little-endian) written by the dialler, echoed
 * back by the acceptor. Either side hands the other an id, accepts on it,
 * and the other dials it; ids are allocated by the side that accepts.
 */
export class MuxBroker {
  readonly session: YamuxSession;
  #nextId = 0;
  readonly #waiting = new Map<number, (s: Duplex) => void>();
  readonly #arrived = new Map<number, { stream: Duplex; timer: NodeJS.Timeout }>();

  constructor(conn: Duplex) {
    this.session = new YamuxSession(conn, { client: true, onStream: (s) => this.#incoming(s) });
  }

  /** A fresh id for this side to accept on. */
  nextId(): number {
    this.#nextId = (this.#nextId + 1) >>> 0;
    return this.#nextId;
  }

  /** Opens a connection to the id the plugin is accepting on. */
  async dial(id: number): Promise<Duplex> {
    const s = this.session.open();
    const header = Buffer.alloc(4);
    header.writeUInt32LE(id >>> 0);
    s.write(header);
    const ack = await readExactly(s, 4);
    if (ack.readUInt32LE(0) !== id) {
      s.destroy();
      throw new Error(`bad stream ack: ${ack.readUInt32LE(0)} (expected ${id})`);
    }
    return s;
  }

  /** Waits for the plugin to dial `id` (up to `timeoutMs`), and acknowledges it. */
  accept(id: number, timeoutMs = 60_000): Promise<Duplex> {
    const ack = (s: Duplex) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(id >>> 0);
      s.write(b);
      return s;
    };
    const early = this.#arrived.get(id);
    if (early) {
      clearTimeout(early.timer);
      this.#arrived.delete(id);
      return Promise.resolve(ack(early.stream));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new Error(`the plugin did not connect stream ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.session.done.then(() => {
        if (!this.#waiting.has(id)) return;
        this.#waiting.delete(id);
        clearTimeout(timer);
        reject(this.session.error ?? new Error('the plugin connection is closed'));
      });
      this.#waiting.set(id, (s) => {
        clearTimeout(timer);
        resolve(ack(s));
      });
    });
  }

  #incoming(s: YamuxStream): void {
    readExactly(s, 4).then(
      (b) => {
        const id = b.readUInt32LE(0);
        const waiter = this.#waiting.get(id);
        if (waiter) {
          this.#waiting.delete(id);
          waiter(s);
          return;
        }
        const timer = setTimeout(() => {
          this.#arrived.delete(id);
          s.destroy();
        }, UNCLAIMED_MS);
        timer.unref();
        this.#arrived.set(id, { stream: s, timer });
      },
      () => s.destroy(),
    );
  }

  close(): void {
    for (const { stream, timer } of this.#arrived.values()) {
      clearTimeout(timer);
      stream.destroy();
    }
    this.#arrived.clear();
    this.session.close();
  }
}

/** Reads exactly `n` bytes from a stream, leaving the rest unread. */
export function readExactly(s: Duplex, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let have = 0;
    const cleanup = () => {
      s.off('readable', onReadable);
      s.off('end', onEnd);
      s.off('error', onError);
      s.off('close', onEnd);
    };
    const onReadable = () => {
      for (;;) {
        const chunk: Buffer | null = s.read();
        if (chunk === null) return;
        const need = n - have;
        if (chunk.length > need) {
          parts.push(chunk.subarray(0, need));
          s.unshift(chunk.subarray(need));
          have = n;
        } else {
          parts.push(chunk);
          have += chunk.length;
        }
        if (have === n) {
          cleanup();
          resolve(Buffer.concat(parts, n));
          return;
        }
      }
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('the stream closed before its id arrived'));
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    s.on('readable', onReadable);
    s.on('end', onEnd);
    s.on('close', onEnd);
    s.on('error', onError);
    onReadable();
  });
}
