import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server, connect as tcpConnect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type ssh2 from 'ssh2';
import { type DialOptions, dialOnce } from './dial.js';
import { loadSsh2 } from './load-ssh2.js';
import { DISCONNECTED_STATUS, SshCommunicator } from './ssh-communicator.js';
import { generateTemporaryKeyPair } from './temporary-key.js';

/**
 * An in-process SSH server (password "pw") whose exec handling each test
 * chooses, counting the commands it was asked to run.
 */
async function sshServer(
  onExec: (
    command: string,
    accept: () => ssh2.ServerChannel,
    reject: () => void,
    conn: ssh2.Connection,
    session: ssh2.Session,
  ) => void,
  onForward?: (accept: () => ssh2.ServerChannel, info: ssh2.TcpipRequestInfo) => void,
) {
  const hostKey = (await generateTemporaryKeyPair('ed25519', 0)).privateKey;
  const asked: string[] = [];
  let connections = 0;
  const open = new Set<ssh2.Connection>();
  const server: ssh2.Server = new (loadSsh2().Server)({ hostKeys: [hostKey] }, (conn) => {
    connections++;
    open.add(conn);
    conn.on('close', () => open.delete(conn));
    conn.on('error', () => {});
    conn.on('authentication', (ctx) =>
      ctx.method === 'password' && ctx.password === 'pw' ? ctx.accept() : ctx.reject(),
    );
    conn.on('tcpip', (accept, reject, info) => (onForward ? onForward(accept, info) : reject()));
    conn.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('exec', (accept, reject, info) => {
        asked.push(info.command);
        onExec(info.command, accept, reject, conn, session);
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const dial: DialOptions = {
    target: { host: '127.0.0.1', port, username: 'u', password: 'pw' },
    keepAliveIntervalMs: 0,
  };
  return {
    dial,
    asked,
    connections: () => connections,
    close() {
      for (const c of open) c.end();
      server.close();
    },
  };
}

async function connect(dial: DialOptions, log: string[] = []): Promise<SshCommunicator> {
  return SshCommunicator.connect(
    { dial, reconnectTimeoutMs: 5000, log: (l) => log.push(l) },
    { timeoutMs: 5000, signal: new AbortController().signal },
  );
}

describe('ssh communicator: commands the server does not confirm', { timeout: 30_000 }, () => {
  let srv: Awaited<ReturnType<typeof sshServer>>;
  before(async () => {
    srv = await sshServer((command, accept, reject, conn, session) => {
      if (command === 'unconfirmed') {
        // What dropbear does when the command races the end of the previous
        // channel: it runs the command, then closes the channel unanswered
        // (ssh2's server has no public way to do that).
        const internals = { conn, session } as unknown as {
          conn: { _protocol: { channelClose(id: number): void } };
          session: { _chanInfo: { outgoing: { id: number } } };
        };
        internals.conn._protocol.channelClose(internals.session._chanInfo.outgoing.id);
        return;
      }
      if (command === 'power off') {
        // The machine goes away before the answer is out.
        conn.end();
        return;
      }
      if (command === 'refused') {
        reject();
        return;
      }
      const ch = accept();
      // Answer, status and close in one go: the client reads them in one chunk.
      ch.exit(Number(command.replace('exit ', '')));
      ch.end();
    });
  });
  after(() => srv.close());

  it('reports the exit status of commands that end at once', async () => {
    const comm = await connect(srv.dial);
    try {
      for (let i = 0; i < 20; i++) assert.equal(await comm.exec({ command: 'exit 3' }), 3);
    } finally {
      comm.close();
    }
  });

  it('fails without sending the command again, and keeps the connection', async () => {
    const log: string[] = [];
    const comm = await connect(srv.dial, log);
    try {
      srv.asked.length = 0;
      const before = srv.connections();
      await assert.rejects(
        comm.exec({ command: 'unconfirmed' }),
        /did not confirm the command \(it may have run/,
      );
      assert.deepEqual(srv.asked, ['unconfirmed']);
      assert.equal(await comm.exec({ command: 'exit 0' }), 0);
      assert.equal(srv.connections(), before, log.join('\n'));
    } finally {
      comm.close();
    }
  });

  it('reports a connection lost before the answer as a disconnect, without reconnecting to send it again', async () => {
    const log: string[] = [];
    const comm = await connect(srv.dial, log);
    try {
      srv.asked.length = 0;
      const before = srv.connections();
      assert.equal(await comm.exec({ command: 'power off' }), DISCONNECTED_STATUS);
      assert.deepEqual(srv.asked, ['power off']);
      assert.equal(srv.connections(), before, log.join('\n'));
      // The next command connects again.
      assert.equal(await comm.exec({ command: 'exit 5' }), 5);
      assert.equal(srv.connections(), before + 1);
    } finally {
      comm.close();
    }
  });

  it('reports a refused command without sending it again', async () => {
    const comm = await connect(srv.dial);
    try {
      srv.asked.length = 0;
      await assert.rejects(comm.exec({ command: 'refused' }), /may have run/);
      assert.deepEqual(srv.asked, ['refused']);
    } finally {
      comm.close();
    }
  });
});

describe('ssh dial: a target behind a bastion that goes away during the handshake', {
  timeout: 30_000,
}, () => {
  let target: Server;
  let bastion: Awaited<ReturnType<typeof sshServer>>;
  let port: number;
  before(async () => {
    // Says hello like an SSH server, then goes away without a word (a guest powering off).
    target = createServer((s) => {
      s.on('error', () => {});
      s.write('SSH-2.0-gone\r\n');
      s.once('data', () => s.end());
    });
    target.listen(0, '127.0.0.1');
    await once(target, 'listening');
    port = (target.address() as { port: number }).port;
    // Forwards like OpenSSH's sshd: the target's end becomes an EOF on the
    // channel, which stays half open until the client ends its side.
    bastion = await sshServer(
      () => {},
      (accept, info) => {
        const ch = accept();
        const s = tcpConnect(info.destPort, info.destIP);
        s.on('error', () => ch.close());
        s.on('data', (d) => ch.write(d));
        s.on('end', () => ch.eof());
        ch.on('data', (d: Buffer) => s.write(d));
        ch.on('end', () => s.end());
      },
    );
  });
  after(() => {
    target.close();
    bastion.close();
  });

  it('fails the attempt at once, not after the ready timeout', async () => {
    const started = Date.now();
    await assert.rejects(
      dialOnce(
        {
          target: { host: '127.0.0.1', port, username: 'u', password: 'pw' },
          bastion: bastion.dial.target,
          keepAliveIntervalMs: 0,
        },
        AbortSignal.timeout(20_000),
        60_000,
      ),
      /closed during the handshake/,
    );
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
