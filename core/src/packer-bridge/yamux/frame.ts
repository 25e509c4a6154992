/**
 * HashiCorp yamux framing (spec.md of github.com/hashicorp/yamux): a 12-byte
 * header (version, type, flags, stream id, length; big-endian) and, for data
 * frames, `length` bytes of payload.
 */
export const HEADER_SIZE = 12;
export const PROTOCOL_VERSION = 0;
/** The initial receive window of every stream, in bytes. */
export const INITIAL_WINDOW = 256 * 1024;

export const FrameType = { Data: 0, WindowUpdate: 1, Ping: 2, GoAway: 3 } as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

export const Flag = { SYN: 1, ACK: 2, FIN: 4, RST: 8 } as const;

export const GoAwayCode = { Normal: 0, ProtocolError: 1, InternalError: 2 } as const;

export interface FrameHeader {
  version: number;
  type: FrameType;
  flags: number;
  streamId: number;
  /** Payload length (data), window delta (window update), opaque value (ping) or code (go away). */
  length: number;
}

export function encodeHeader(h: Omit<FrameHeader, 'version'>): Buffer {
  const b = Buffer.alloc(HEADER_SIZE);
  b.writeUInt8(PROTOCOL_VERSION, 0);
  b.writeUInt8(h.type, 1);
  b.writeUInt16BE(h.flags, 2);
  b.writeUInt32BE(h.streamId >>> 0, 4);
  b.writeUInt32BE(h.length >>> 0, 8);
  return b;
}

export function decodeHeader(b: Buffer, offset = 0): FrameHeader {
  return {
    version: b.readUInt8(offset),
    type: b.readUInt8(offset + 1) as FrameType,
    flags: b.readUInt16BE(offset + 2),
    streamId: b.readUInt32BE(offset + 4),
    length: b.readUInt32BE(offset + 8),
  };
}

/**
 * Cuts a byte stream into frames, whatever the chunk boundaries: header and
 * payload may each arrive in pieces.
 */
export class FrameReader {
  #chunks: Buffer[] = [];
  #size = 0;
  #header: FrameHeader | undefined;

  /** Feeds bytes; returns the frames they complete. */
  push(chunk: Buffer): { header: FrameHeader; payload: Buffer }[] {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    const out: { header: FrameHeader; payload: Buffer }[] = [];
    for (;;) {
      if (!this.#header) {
        if (this.#size < HEADER_SIZE) break;
        this.#header = decodeHeader(this.#take(HEADER_SIZE));
      }
      const need = this.#header.type === FrameType.Data ? this.#header.length : 0;
      if (this.#size < need) break;
      out.push({ header: this.#header, payload: need ? this.#take(need) : Buffer.alloc(0) });
      this.#header = undefined;
    }
    return out;
  }

  #take(n: number): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#size);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.#chunks = rest.length ? [rest] : [];
    this.#size = rest.length;
    return head;
  }
}
