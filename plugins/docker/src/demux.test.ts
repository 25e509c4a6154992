import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { demuxer } from './demux.js';

function frame(type: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('demuxer', () => {
  it('splits frames across arbitrary chunk boundaries', async () => {
    const all = Buffer.concat([
      frame(1, 'out one\n'),
      frame(2, 'err\n'),
      frame(1, 'out two\n'),
      frame(1, ''),
    ]);
    for (const size of [1, 3, 7, 8, 9, all.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < all.length; i += size) chunks.push(all.subarray(i, i + size));
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      await pipeline(
        Readable.from(chunks),
        demuxer(
          (c) => out.push(c),
          (c) => err.push(c),
        ),
      );
      assert.equal(Buffer.concat(out).toString(), 'out one\nout two\n', `chunk size ${size}`);
      assert.equal(Buffer.concat(err).toString(), 'err\n', `chunk size ${size}`);
    }
  });
});
