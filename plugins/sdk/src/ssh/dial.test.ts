import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SshNoBannerError, waitForSsh } from './dial.js';

describe('waitForSsh and a server slow to say hello', () => {
  const sockets = new Set<Socket>();
  let connections = 0;
  /** How long each connection stayed open, in ms. */
  const lifetimes: number[] = [];
  // Never answers the first connection; answers the others 800 ms after
  // they open (a server making its host key on a loaded machine), with a
  // line that is not an SSH banner.
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.on('error', () => {});
    sock.resume(); // reads what the client sends, so its close is seen
    connections++;
    const opened = Date.now();
    const t = connections === 1 ? undefined : setTimeout(() => sock.write('not ssh\r\n'), 800);
    sock.on('close', () => {
      lifetimes.push(Date.now() - opened);
      clearTimeout(t);
      sockets.delete(sock);
    });
  });
  after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });

  it('waits longer for the banner after each attempt that got none', async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const errors: Error[] = [];
    await assert.rejects(
      waitForSsh(
        { target: { host: '127.0.0.1', port, username: 'u', password: 'p' }, keepAliveIntervalMs: 0 },
        {
          timeoutMs: 3500,
          handshakeAttempts: 3,
          intervalMs: 10,
          bannerWaitMs: 500,
          signal: new AbortController().signal,
          onRetry: (e) => errors.push(e),
        },
      ),
      /Timeout waiting for SSH/,
    );
    assert.ok(errors[0] instanceof SshNoBannerError, `first attempt: ${errors[0]?.message}`);
    assert.match(errors[0]!.message, /within 0\.5s/);
    // The second attempt waited up to 1 s: the server's bytes came at 800 ms
    // and the client stayed to finish the handshake (until the deadline).
    for (let i = 0; i < 100 && lifetimes.length < 2; i++) await sleep(20);
    assert.ok(lifetimes.length >= 2, `${lifetimes.length} connections closed`);
    assert.ok(
      lifetimes[1]! >= 900,
      `the second connection lasted ${lifetimes[1]} ms (all: ${lifetimes.join(', ')}; errors: ${errors.map((e) => e.message).join(' | ')})`,
    );
  });
});
