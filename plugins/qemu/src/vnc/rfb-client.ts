import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { ssh } from '@kiln/plugin-sdk';
import type { KeySink } from '../boot-command/type.js';

/**
 * A minimal RFB (VNC) client: protocol 3.8 (or 3.3) without authentication,
 * KeyEvent messages, and raw framebuffer updates to tell whether the screen
 * shows anything yet.
 */
export class RfbClient implements KeySink {
  readonly #sock: Socket;
  readonly #in: ssh.ByteReader;
  #bytesPerPixel = 4;
  #width = 0;
  #height = 0;
  #reading: Promise<void> | undefined;
  #lit = false;
  #updates = 0;
  #closed = false;

  private constructor(sock: Socket) {
    this.#sock = sock;
    this.#in = new ssh.ByteReader(sock);
  }

  /** Connects and runs the handshake. */
  static async connect(host: string, port: number, signal: AbortSignal): Promise<RfbClient> {
    const sock = connect({ host, port });
    sock.on('error', () => {});
    const onAbort = () => sock.destroy(new Error('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([
        once(sock, 'connect'),
        once(sock, 'close').then(() => {
          throw new Error(`VNC ${host}:${port}: connection refused`);
        }),
      ]);
      const client = new RfbClient(sock);
      await client.#handshake();
      return client;
    } catch (e) {
      sock.destroy();
      throw e;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async #bytes(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    await this.#in.copy(n, (c) => {
      parts.push(Buffer.from(c));
    });
    return Buffer.concat(parts);
  }

  async #handshake(): Promise<void> {
    const version = (await this.#in.line()).trim();
    const m = /^RFB (\d{3})\.(\d{3})$/.exec(version);
    if (!m) throw new Error(`VNC: not an RFB server ("${version}")`);
    const minor = Number(m[1]) > 3 || Number(m[2]) >= 8 ? 8 : 3;
    this.#sock.write(`RFB 003.00${minor}\n`);
    if (minor === 8) {
      const count = await this.#in.byte();
      if (count === 0) throw new Error(`VNC: the server refused the connection: ${await this.#reason()}`);
      const types = await this.#bytes(count);
      if (!types.includes(1))
        throw new Error('VNC: the server requires authentication (only "none" is supported)');
      this.#sock.write(Buffer.from([1]));
      const result = (await this.#bytes(4)).readUInt32BE(0);
      if (result !== 0) throw new Error(`VNC: security handshake failed: ${await this.#reason()}`);
    } else {
      const type = (await this.#bytes(4)).readUInt32BE(0);
      if (type !== 1) throw new Error('VNC: the server requires authentication (only "none" is supported)');
    }
    this.#sock.write(Buffer.from([1])); // ClientInit: shared
    const init = await this.#bytes(24);
    this.#width = init.readUInt16BE(0);
    this.#height = init.readUInt16BE(2);
    this.#bytesPerPixel = Math.max(1, init[4]! / 8);
    await this.#bytes(init.readUInt32BE(20)); // desktop name
    // SetEncodings: raw only.
    this.#sock.write(Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]));
  }

  async #reason(): Promise<string> {
    try {
      const len = (await this.#bytes(4)).readUInt32BE(0);
      return (await this.#bytes(len)).toString();
    } catch {
      return 'no reason given';
    }
  }

  key(keysym: number, down: boolean): void {
    if (this.#closed) return;
    const msg = Buffer.alloc(8);
    msg[0] = 4;
    msg[1] = down ? 1 : 0;
    msg.writeUInt32BE(keysym >>> 0, 4);
    this.#sock.write(msg);
  }

  #requestUpdate(incremental: boolean): void {
    const msg = Buffer.alloc(10);
    msg[0] = 3;
    msg[1] = incremental ? 1 : 0;
    msg.writeUInt16BE(this.#width, 6);
    msg.writeUInt16BE(this.#height, 8);
    this.#sock.write(msg);
  }

  async #readMessages(): Promise<void> {
    for (;;) {
      const type = await this.#in.byte();
      if (type === 0) {
        await this.#bytes(1);
        const rects = (await this.#bytes(2)).readUInt16BE(0);
        for (let r = 0; r < rects; r++) {
          const h = await this.#bytes(12);
          const w = h.readUInt16BE(4);
          const ht = h.readUInt16BE(6);
          const enc = h.readInt32BE(8);
          if (enc === -223) {
            this.#width = w;
            this.#height = ht;
            continue;
          }
          if (enc !== 0) throw new Error(`VNC: unexpected encoding ${enc}`);
          await this.#in.copy(w * ht * this.#bytesPerPixel, (c) => {
            if (!this.#lit && c.some((b) => b !== 0)) this.#lit = true;
          });
        }
        this.#updates++;
        if (!this.#lit && !this.#closed) this.#requestUpdate(true);
      } else if (type === 1) {
        const h = await this.#bytes(5);
        await this.#bytes(h.readUInt16BE(3) * 6);
      } else if (type === 2) {
        // bell
      } else if (type === 3) {
        const h = await this.#bytes(7);
        await this.#bytes(h.readUInt32BE(3));
      } else throw new Error(`VNC: unknown server message ${type}`);
    }
  }

  /**
   * Resolves true as soon as the screen shows anything but black, false
   * after `timeoutMs` of a black (or frozen) screen.
   */
  async waitForSignOfLife(timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if (!this.#reading) {
      this.#reading = this.#readMessages().catch(() => {});
      this.#requestUpdate(false);
    }
    const end = Date.now() + timeoutMs;
    while (!this.#lit && Date.now() < end && !this.#closed) {
      signal.throwIfAborted();
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.#lit;
  }

  /** Framebuffer updates received so far. */
  get updates(): number {
    return this.#updates;
  }

  close(): void {
    this.#closed = true;
    this.#sock.end();
    this.#sock.destroy();
  }
}
