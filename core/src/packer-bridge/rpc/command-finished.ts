/**
 * The exit status of a remote command crosses Packer's plugin protocol on its
 * own stream in Go's gob encoding (`CommandFinished{ExitStatus int}`), the
 * only gob left in protocol v2. No maintained gob library exists for
 * JavaScript and this one message is all that is needed, so it is encoded
 * and decoded here: a type-definition message, then one value message.
 */

// The type-definition message Go's gob encoder sends first for
// `struct { ExitStatus int }` named CommandFinished (type id 64).
const TYPE_DEFINITION = Buffer.from(
  '2b7f0301010f436f6d6d616e6446696e697368656401ff80000101010a457869745374617475730104000000',
  'hex',
);
const TYPE_ID = 64;

function encodeUint(n: number): Buffer {
  if (n < 128) return Buffer.from([n]);
  const bytes: number[] = [];
  let v = BigInt(n);
  while (v > 0n) {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  return Buffer.from([256 - bytes.length, ...bytes]);
}

function encodeInt(i: number): Buffer {
  return encodeUint(i < 0 ? (-i - 1) * 2 + 1 : i * 2);
}

/** The bytes a Go peer decodes as `CommandFinished{ExitStatus: status}`. */
export function encodeCommandFinished(status: number): Buffer {
  const body = Buffer.concat([
    encodeInt(TYPE_ID),
    ...(status === 0 ? [] : [encodeUint(1), encodeInt(status)]),
    Buffer.from([0]),
  ]);
  return Buffer.concat([TYPE_DEFINITION, encodeUint(body.length), body]);
}

class Reader {
  pos = 0;
  constructor(readonly b: Buffer) {}
  uint(): number {
    if (this.pos >= this.b.length) throw new Error('truncated gob data');
    const first = this.b[this.pos++]!;
    if (first < 128) return first;
    const n = 256 - first;
    if (n > 8 || this.pos + n > this.b.length) throw new Error('bad gob unsigned integer');
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.b[this.pos++]!;
    return v;
  }
  int(): number {
    const u = this.uint();
    return u % 2 === 1 ? -((u - 1) / 2) - 1 : u / 2;
  }
}

/** Reads the exit status from a whole `CommandFinished` gob stream. */
export function decodeCommandFinished(data: Buffer): number {
  const r = new Reader(data);
  while (r.pos < data.length) {
    const len = r.uint();
    const end = r.pos + len;
    const typeId = r.int();
    if (typeId < 0) {
      r.pos = end;
      continue;
    }
    let field = -1;
    let status = 0;
    for (;;) {
      const delta = r.uint();
      if (delta === 0) break;
      field += delta;
      const v = r.int();
      if (field === 0) status = v;
    }
    return status;
  }
  throw new Error('no command result in the gob stream');
}
