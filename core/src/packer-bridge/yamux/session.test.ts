import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { encodeHeader, Flag, FrameReader, FrameType } from './frame.js';
import { YamuxSession } from './session.js';
import type { YamuxStream } from './stream.js';

/** A connected pair of loopback sockets. */
async function socketPair(): Promise<[Socket, Socket, () => void]> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const accepted = new Promise<Socket>((r) => server.once('connection', r));
  const a = connect(port, '127.0.0.1');
  await new Promise((r) => a.once('connect', r));
  const b = await accepted;
  return [a, b, () => server.close()];
}

async function readAll(s: YamuxStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

test('frames are parsed whatever the chunk boundaries', () => {
  const payload = Buffer.from('hello yamux');
  const wire = Buffer.concat([
    encodeHeader({ type: FrameType.Data, flags: Flag.SYN, streamId: 3, length: payload.length }),
    payload,
    encodeHeader({ type: FrameType.Ping, flags: Flag.SYN, streamId: 0, length: 7 }),
  ]);
  for (let cut = 1; cut < wire.length; cut++) {
    const r = new FrameReader();
    const frames = [...r.push(wire.subarray(0, cut)), ...r.push(wire.subarray(cut))];
    assert.equal(frames.length, 2, `cut at ${cut}`);
    assert.equal(frames[0]!.header.streamId, 3);
    assert.equal(frames[0]!.payload.toString(), 'hello yamux');
    assert.equal(frames[1]!.header.type, FrameType.Ping);
    assert.equal(frames[1]!.header.length, 7);
  }
});

test('streams carry data both ways, beyond the 256 KiB window, with half-close', async () => {
  const [a, b, close] = await socketPair();
  const big = randomBytes(3 * 1024 * 1024 + 17);
  let server: YamuxSession | undefined;
  const got = new Promise<Buffer>((resolve) => {
    server = new YamuxSession(b, {
      client: false,
      onStream: (s) => {
        const parts: Buffer[] = [];
        s.on('data', (c: Buffer) => parts.push(c));
        s.on('end', () => {
          const data = Buffer.concat(parts);
          s.end(Buffer.from(`got ${data.length}`));
          resolve(data);
        });
      },
    });
  });
  const client = new YamuxSession(a, { client: true });
  const s = client.open();
  assert.equal(s.id, 1);
  s.end(big);
  const reply = await readAll(s);
  assert.ok((await got).equals(big));
  assert.equal(reply.toString(), `got ${big.length}`);
  client.close();
  await client.done;
  await server?.done;
  close();
});

test('a slow reader holds the sender at the window instead of buffering everything', async () => {
  const [a, b, close] = await socketPair();
  let serverStream: YamuxStream | undefined;
  let server: YamuxSession | undefined;
  const opened = new Promise<void>((r) => {
    server = new YamuxSession(b, {
      client: false,
      onStream: (s) => {
        serverStream = s;
        s.pause();
        r();
      },
    });
  });
  const client = new YamuxSession(a, { client: true });
  const s = client.open();
  let written = 0;
  const chunk = Buffer.alloc(64 * 1024);
  const writer = (async () => {
    for (let i = 0; i < 32; i++) {
      await new Promise<void>((r, j) => s.write(chunk, (e) => (e ? j(e) : r())));
      written += chunk.length;
    }
    s.end();
  })();
  await opened;
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(written <= 512 * 1024, `the sender ran ahead of the window: ${written} bytes`);
  const data = await readAll(serverStream!);
  await writer;
  assert.equal(data.length, 32 * chunk.length);
  client.close();
  await server?.done;
  close();
});

test('pings are answered and a closed connection fails open streams', async () => {
  const [a, b, close] = await socketPair();
  const client = new YamuxSession(a, { client: true });
  const frames: ReturnType<FrameReader['push']> = [];
  const reader = new FrameReader();
  b.on('data', (c: Buffer) => frames.push(...reader.push(c)));
  b.write(encodeHeader({ type: FrameType.Ping, flags: Flag.SYN, streamId: 0, length: 42 }));
  const s = client.open();
  await new Promise((r) => setTimeout(r, 100));
  const pong = frames.find((f) => f.header.type === FrameType.Ping);
  assert.equal(pong?.header.flags, Flag.ACK);
  assert.equal(pong?.header.length, 42);
  assert.ok(frames.some((f) => f.header.streamId === 1 && f.header.flags & Flag.SYN));
  const failed = new Promise<Error>((r) => s.once('error', r));
  b.destroy();
  assert.match((await failed).message, /closed/);
  await client.done;
  close();
});
