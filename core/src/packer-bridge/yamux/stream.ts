import { Duplex } from 'node:stream';
import { Flag, FrameType, INITIAL_WINDOW } from './frame.js';

/** What a stream needs from its session. */
export interface StreamOwner {
  sendFrame(type: FrameType, flags: number, streamId: number, length: number, payload?: Buffer): void;
  forget(streamId: number): void;
}

/** The largest data frame this side sends. */
const MAX_FRAME = 64 * 1024;

/**
 * One yamux stream as a Node Duplex. Writes respect the peer's window (a
 * write waits for a window update); the receive window is given back as the
 * reader consumes data, so a slow reader slows the sender.
 */
export class YamuxStream extends Duplex {
  readonly id: number;
  readonly #owner: StreamOwner;
  #sendWindow = INITIAL_WINDOW;
  #windowWaiters: (() => void)[] = [];
  /** Bytes received and pushed but not yet given back to the sender. */
  #unacked = 0;
  /** Flags owed to the peer on the next frame (SYN when opening, ACK when accepting). */
  #pendingFlags: number;
  #localClosed = false;
  #remoteClosed = false;
  #reset = false;

  constructor(owner: StreamOwner, id: number, opening: boolean) {
    super({ allowHalfOpen: true });
    this.#owner = owner;
    this.id = id;
    this.#pendingFlags = opening ? Flag.SYN : Flag.ACK;
    // Opening or accepting is announced at once, as yamux does.
    this.#sendWindowUpdate(0);
  }

  #flags(): number {
    const f = this.#pendingFlags;
    this.#pendingFlags = 0;
    return f;
  }

  #sendWindowUpdate(delta: number, extra = 0): void {
    this.#owner.sendFrame(FrameType.WindowUpdate, this.#flags() | extra, this.id, delta);
  }

  /** Called by the session for each frame of this stream. */
  handleFrame(type: FrameType, flags: number, length: number, payload: Buffer): void {
    if (flags & Flag.RST) {
      this.#reset = true;
      this.#remoteClosed = true;
      this.#localClosed = true;
      this.#owner.forget(this.id);
      this.destroy(new Error('stream reset by the plugin'));
      return;
    }
    if (type === FrameType.WindowUpdate) {
      this.#sendWindow += length;
      if (length > 0) for (const w of this.#windowWaiters.splice(0)) w();
    } else if (type === FrameType.Data && payload.length > 0) {
      this.#unacked += payload.length;
      if (this.push(payload)) this.#giveBack();
    }
    if (flags & Flag.FIN) {
      this.#remoteClosed = true;
      this.push(null);
      this.#maybeForget();
    }
  }

  /** Gives the consumed receive window back when it is worth a frame. */
  #giveBack(): void {
    if (this.#remoteClosed || this.#unacked < INITIAL_WINDOW / 2) return;
    const delta = this.#unacked;
    this.#unacked = 0;
    this.#sendWindowUpdate(delta);
  }

  override _read(): void {
    this.#giveBack();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (error?: Error | null) => void): void {
    this.#writeAll(chunk).then(() => cb(), cb);
  }

  async #writeAll(chunk: Buffer): Promise<void> {
    let off = 0;
    while (off < chunk.length) {
      if (this.#reset || this.#localClosed) throw new Error('write on a closed stream');
      if (this.#sendWindow === 0) {
        await new Promise<void>((r) => this.#windowWaiters.push(r));
        continue;
      }
      const n = Math.min(this.#sendWindow, chunk.length - off, MAX_FRAME);
      this.#sendWindow -= n;
      this.#owner.sendFrame(FrameType.Data, this.#flags(), this.id, n, chunk.subarray(off, off + n));
      off += n;
    }
  }

  override _final(cb: (error?: Error | null) => void): void {
    this.#closeLocal();
    cb();
  }

  #closeLocal(): void {
    if (this.#localClosed) return;
    this.#localClosed = true;
    this.#sendWindowUpdate(0, Flag.FIN);
    this.#maybeForget();
  }

  override _destroy(error: Error | null, cb: (error?: Error | null) => void): void {
    if (!this.#localClosed && !this.#reset) {
      this.#localClosed = true;
      if (this.#remoteClosed && !error) {
        // The peer is done and so are we (a reader finished): close gracefully.
        this.#owner.sendFrame(FrameType.WindowUpdate, this.#flags() | Flag.FIN, this.id, 0);
      } else {
        // Destroyed before both sides finished: tell the peer.
        this.#reset = true;
        this.#owner.sendFrame(FrameType.WindowUpdate, this.#flags() | Flag.RST, this.id, 0);
      }
    }
    this.#owner.forget(this.id);
    for (const w of this.#windowWaiters.splice(0)) w();
    cb(error);
  }

  /** The session is gone: fail whatever is pending. */
  abort(error: Error): void {
    const finished = this.#localClosed && this.#remoteClosed;
    this.#reset = true;
    this.#localClosed = true;
    this.#remoteClosed = true;
    // An error nobody listens for would end the process: only users hear it.
    this.destroy(finished || this.listenerCount('error') === 0 ? undefined : error);
  }

  #maybeForget(): void {
    if (this.#localClosed && this.#remoteClosed) this.#owner.forget(this.id);
  }
}
