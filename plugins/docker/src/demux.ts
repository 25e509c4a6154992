import { Writable } from 'node:stream';

/**
 * A writable that splits the Engine's multiplexed attach stream (8-byte
 * headers: stream type, length) into stdout and stderr callbacks, without
 * copying more than a partial header.
 */
export function demuxer(stdout: (chunk: Buffer) => void, stderr: (chunk: Buffer) => void): Writable {
  let header = Buffer.alloc(0);
  let remaining = 0;
  let target: (chunk: Buffer) => void = stdout;
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      let buf = chunk;
      while (buf.length > 0) {
        if (remaining > 0) {
          const take = Math.min(remaining, buf.length);
          target(buf.subarray(0, take));
          remaining -= take;
          buf = buf.subarray(take);
          continue;
        }
        const need = 8 - header.length;
        header = Buffer.concat([header, buf.subarray(0, need)]);
        buf = buf.subarray(need);
        if (header.length < 8) break;
        target = header[0] === 2 ? stderr : stdout;
        remaining = header.readUInt32BE(4);
        header = Buffer.alloc(0);
      }
      done();
    },
  });
}
