import type { Duplex } from 'node:stream';
import { encodeHeader, Flag, FrameReader, FrameType, GoAwayCode, PROTOCOL_VERSION } from './frame.js';
import { type StreamOwner, YamuxStream } from './stream.js';

/** Options of a {@link YamuxSession}. */
export interface YamuxSessionOptions {
  /** Client sessions open odd stream ids, servers even ones. */
  client: boolean;
  /** Receives each stream the peer opens. */
  onStream?: (stream: YamuxStream) => void;
}

/**
 * A yamux session over one connection, interoperable with
 * github.com/hashicorp/yamux (what Packer plugins speak): streams opened by
 * either side, per-stream flow control, pings answered, go-away honoured.
 */
export class YamuxSession implements StreamOwner {
  readonly #conn: Duplex;
  readonly #opts: YamuxSessionOptions;
  readonly #streams = new Map<number, YamuxStream>();
  readonly #reader = new FrameReader();
  #nextId: number;
  #closed = false;
  #remoteGoAway = false;
  readonly #done: Promise<void>;
  #resolveDone!: () => void;
  #error: Error | undefined;

  constructor(conn: Duplex, options: YamuxSessionOptions) {
    this.#conn = conn;
    this.#opts = options;
    this.#nextId = options.client ? 1 : 2;
    this.#done = new Promise((r) => {
      this.#resolveDone = r;
    });
    conn.on('data', (chunk: Buffer) => this.#onData(chunk));
    conn.on('error', (e) => this.#terminate(e));
    conn.on('close', () => this.#terminate(new Error('the plugin connection closed')));
    conn.on('end', () => this.#terminate(new Error('the plugin connection closed')));
  }

  /** Resolves when the session is over (closed by either side). */
  get done(): Promise<void> {
    return this.#done;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Why the session ended, when it did not end by {@link close}. */
  get error(): Error | undefined {
    return this.#error;
  }

  /** Opens a stream to the peer. */
  open(): YamuxStream {
    if (this.#closed) throw new Error('the plugin connection is closed');
    if (this.#remoteGoAway) throw new Error('the plugin refuses new streams (go away)');
    const id = this.#nextId;
    this.#nextId += 2;
    const s = new YamuxStream(this, id, true);
    this.#streams.set(id, s);
    return s;
  }

  sendFrame(type: FrameType, flags: number, streamId: number, length: number, payload?: Buffer): void {
    if (this.#closed || this.#conn.destroyed) return;
    const header = encodeHeader({ type, flags, streamId, length });
    this.#conn.write(payload?.length ? Buffer.concat([header, payload]) : header);
  }

  forget(streamId: number): void {
    this.#streams.delete(streamId);
  }

  #onData(chunk: Buffer): void {
    let frames: ReturnType<FrameReader['push']>;
    try {
      frames = this.#reader.push(chunk);
    } catch (e) {
      this.#terminate(e as Error);
      return;
    }
    for (const { header: h, payload } of frames) {
      if (h.version !== PROTOCOL_VERSION) {
        this.#protocolError(`unsupported yamux version ${h.version}`);
        return;
      }
      switch (h.type) {
        case FrameType.Data:
        case FrameType.WindowUpdate:
          this.#onStreamFrame(h.type, h.flags, h.streamId, h.length, payload);
          break;
        case FrameType.Ping:
          if (h.flags & Flag.SYN) this.sendFrame(FrameType.Ping, Flag.ACK, 0, h.length);
          break;
        case FrameType.GoAway:
          this.#remoteGoAway = true;
          if (h.length !== GoAwayCode.Normal)
            this.#terminate(new Error(`the plugin ended the connection (yamux go away, code ${h.length})`));
          break;
        default:
          this.#protocolError(`unknown yamux frame type ${h.type}`);
          return;
      }
    }
  }

  #onStreamFrame(type: FrameType, flags: number, id: number, length: number, payload: Buffer): void {
    let s = this.#streams.get(id);
    if (!s && flags & Flag.SYN) {
      if (this.#closed) return;
      s = new YamuxStream(this, id, false);
      this.#streams.set(id, s);
      if (this.#opts.onStream) this.#opts.onStream(s);
      else s.destroy();
    }
    // Frames for a stream already forgotten (reset or fully closed) are dropped.
    s?.handleFrame(type, flags, length, payload);
  }

  #protocolError(message: string): void {
    this.sendFrame(FrameType.GoAway, 0, 0, GoAwayCode.ProtocolError);
    this.#terminate(new Error(`yamux protocol error: ${message}`));
  }

  #terminate(error: Error | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    if (error) this.#error = error;
    const reason = error ?? new Error('the plugin connection is closed');
    for (const s of [...this.#streams.values()]) s.abort(reason);
    this.#streams.clear();
    if (error) this.#conn.destroy();
    this.#resolveDone();
  }

  /** Says goodbye to the peer and closes the connection. */
  close(): void {
    if (this.#closed) return;
    this.sendFrame(FrameType.GoAway, 0, 0, GoAwayCode.Normal);
    this.#conn.end();
    this.#terminate(undefined);
  }
}
