import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { type DialOptions, SshAuthError, waitForSsh } from './dial.js';
import { DISCONNECTED_STATUS, SshCommunicator } from './ssh-communicator.js';
import { generateTemporaryKeyPair } from './temporary-key.js';

const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const port = Number(process.env.KILN_SSHD_PORT ?? 2222);
const keyFile = join(stateDir, 'sshd', 'id_ed25519');
const pidFile = join(stateDir, 'sshd.pid');
const running = existsSync(pidFile) && existsSync(keyFile) && isAlive(Number(readFileSync(pidFile, 'utf8')));
const skip = running ? false : `needs the loopback sshd (test/env/up.sh sshd): no live ${pidFile}`;
const user = process.env.USER ?? (process.getuid?.() === 0 ? 'root' : '');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function dial(over: Partial<DialOptions['target']> = {}, p = port): DialOptions {
  return {
    target: { host: '127.0.0.1', port: p, username: user, privateKey: readFileSync(keyFile), ...over },
    keepAliveIntervalMs: 5000,
  };
}

async function collect(comm: SshCommunicator, command: string, stdin?: string) {
  let out = '';
  let err = '';
  const status = await comm.exec({
    command,
    ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
    stdout: (c) => {
      out += c.toString();
    },
    stderr: (c) => {
      err += c.toString();
    },
  });
  return { status, out, err };
}

/** A TCP forwarder to sshd that starts accepting only after `delayMs`. */
async function lateForwarder(delayMs: number): Promise<{ port: number; close(): void }> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const p = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const server = createServer((s) => {
    const up = tcpConnect(port, '127.0.0.1');
    s.pipe(up).pipe(s);
    s.on('error', () => up.destroy());
    up.on('error', () => s.destroy());
  });
  const timer = setTimeout(() => server.listen(p, '127.0.0.1'), delayMs);
  return {
    port: p,
    close() {
      clearTimeout(timer);
      server.close();
    },
  };
}

for (const method of ['scp', 'sftp'] as const) {
  describe(`ssh communicator against OpenSSH sshd (${method})`, { skip, timeout: 120_000 }, () => {
    let comm: SshCommunicator;
    let work: string;
    before(async () => {
      work = await mkdtemp(join(tmpdir(), 'kiln-ssh-test-'));
      comm = await SshCommunicator.connect(
        { dial: dial(), fileTransferMethod: method },
        { timeoutMs: 10_000, signal: new AbortController().signal },
      );
    });
    after(async () => {
      comm?.close();
      await rm(work, { recursive: true, force: true });
    });

    it('runs commands with their exit status, streamed output and stdin', async () => {
      assert.deepEqual(await collect(comm, 'echo out; echo err >&2; exit 3'), {
        status: 3,
        out: 'out\n',
        err: 'err\n',
      });
      assert.equal((await collect(comm, 'cat', 'fed through stdin')).out, 'fed through stdin');
      const chunks: number[] = [];
      await comm.exec({
        command: 'for i in 1 2 3; do echo $i; sleep 0.2; done',
        stdout: () => chunks.push(Date.now()),
      });
      assert.ok(chunks.length >= 2, 'output arrives as it is written, not at the end');
    });

    it('uploads and downloads files, creating parent directories, keeping the mode', async () => {
      const remote = join(work, 'remote', 'deep', 'file.txt');
      await comm.upload(remote, Readable.from([Buffer.from('hello '), Buffer.from('world\n')]), {
        mode: 0o750,
      });
      assert.equal(await readFile(remote, 'utf8'), 'hello world\n');
      assert.equal((await collect(comm, `stat -c %a '${remote}'`)).out.trim(), '750');
      const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'k');
      await comm.upload(join(work, 'big.bin'), Readable.from([big]), { size: big.length });
      assert.equal((await readFile(join(work, 'big.bin'))).length, big.length);
      const sink = new PassThrough();
      const got: Buffer[] = [];
      sink.on('data', (c: Buffer) => got.push(c));
      await comm.download(join(work, 'big.bin'), sink);
      assert.equal(Buffer.concat(got).length, big.length);
      await assert.rejects(
        comm.download(join(work, 'missing'), new PassThrough()),
        /No such file|no such file/i,
      );
    });

    it('uploads and downloads directories, with excludes', async () => {
      const src = join(work, 'src');
      await mkdir(join(src, 'sub', 'deeper'), { recursive: true });
      await writeFile(join(src, 'a.txt'), 'a');
      await writeFile(join(src, 'skip.log'), 'x');
      await writeFile(join(src, 'sub', 'b.txt'), 'b');
      await writeFile(join(src, 'sub', 'deeper', 'c.txt'), 'c');
      const remote = join(work, 'remote-dir');
      await comm.uploadDir(remote, src, { exclude: ['*.log'] });
      assert.equal(await readFile(join(remote, 'sub', 'deeper', 'c.txt'), 'utf8'), 'c');
      assert.ok(!existsSync(join(remote, 'skip.log')));
      const back = join(work, 'back');
      await comm.downloadDir(remote, back, { exclude: ['sub/deeper'] });
      assert.equal(await readFile(join(back, 'a.txt'), 'utf8'), 'a');
      assert.equal(await readFile(join(back, 'sub', 'b.txt'), 'utf8'), 'b');
      assert.ok(!existsSync(join(back, 'sub', 'deeper')));
    });
  });
}

describe('ssh connection behaviour against OpenSSH sshd', { skip, timeout: 120_000 }, () => {
  it('retries while the port is closed and connects within a poll interval of it opening', async () => {
    const fwd = await lateForwarder(1500);
    const started = Date.now();
    const comm = await SshCommunicator.connect(
      { dial: dial({}, fwd.port) },
      { timeoutMs: 20_000, signal: new AbortController().signal },
    );
    const took = Date.now() - started;
    comm.close();
    fwd.close();
    assert.ok(took >= 1500 && took < 3500, `connected after ${took}ms`);
  });

  it('gives up after ssh_timeout when nothing answers', async () => {
    const fwd = await lateForwarder(60_000);
    const started = Date.now();
    await assert.rejects(
      waitForSsh(dial({}, fwd.port), {
        timeoutMs: 1500,
        handshakeAttempts: 10,
        signal: new AbortController().signal,
      }),
      /Timeout waiting for SSH/,
    );
    fwd.close();
    assert.ok(Date.now() - started < 3000);
  });

  it('stops after ssh_handshake_attempts refused logins', async () => {
    const wrong = await generateTemporaryKeyPair('ed25519', 0);
    await assert.rejects(
      waitForSsh(dial({ privateKey: wrong.privateKey }), {
        timeoutMs: 30_000,
        handshakeAttempts: 2,
        signal: new AbortController().signal,
      }),
      (e: Error) => e instanceof SshAuthError && /unable to authenticate/.test(e.message),
    );
  });

  it('stops waiting at once when cancelled', async () => {
    const fwd = await lateForwarder(60_000);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const started = Date.now();
    await assert.rejects(
      waitForSsh(dial({}, fwd.port), { timeoutMs: 30_000, handshakeAttempts: 10, signal: ac.signal }),
      /cancelled/,
    );
    fwd.close();
    assert.ok(Date.now() - started < 1500);
  });

  it('reports a dropped connection as status 2300218 and reconnects for the next command', async () => {
    const comm = await SshCommunicator.connect(
      { dial: dial(), reconnectTimeoutMs: 10_000 },
      { timeoutMs: 10_000, signal: new AbortController().signal },
    );
    try {
      const status = await comm.exec({ command: 'kill -9 $PPID; sleep 5' });
      assert.equal(status, DISCONNECTED_STATUS);
      assert.equal((await collect(comm, 'echo again')).out, 'again\n');
    } finally {
      comm.close();
    }
  });

  it('runs commands in a pty with ssh_pty', async () => {
    const comm = await SshCommunicator.connect(
      { dial: dial(), pty: true },
      { timeoutMs: 10_000, signal: new AbortController().signal },
    );
    try {
      assert.match((await collect(comm, 'tty')).out, /\/dev\/pts\//);
    } finally {
      comm.close();
    }
  });

  it('connects through a bastion host, and again after the target drops the connection', async () => {
    const d = dial();
    const comm = await SshCommunicator.connect(
      { dial: { ...d, bastion: { ...d.target } } },
      { timeoutMs: 10_000, signal: new AbortController().signal },
    );
    try {
      assert.equal((await collect(comm, 'echo $SSH_CONNECTION')).out.split(' ')[0], '127.0.0.1');
      assert.equal(await comm.exec({ command: 'kill -9 $PPID; sleep 5' }), DISCONNECTED_STATUS);
      assert.equal((await collect(comm, 'echo through the bastion again')).status, 0);
    } finally {
      comm.close();
    }
  });

  it('makes temporary key pairs of every type', async () => {
    for (const [type, bits] of [
      ['ed25519', 0],
      ['ecdsa', 256],
      ['rsa', 2048],
    ] as const) {
      const pair = await generateTemporaryKeyPair(type, bits);
      assert.match(pair.privateKey, /BEGIN OPENSSH PRIVATE KEY/);
      assert.match(pair.publicKey, /^(ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) \S+/);
    }
  });
});
