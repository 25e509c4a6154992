import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type ssh2 from 'ssh2';
import type { Communicator, DirTransferOptions, FileInfo, RemoteCommand } from '../communicator.js';
import { type DialOptions, type SshConnection, waitForSsh } from './dial.js';
import { excluder } from './excludes.js';
import { shellQuote } from './quote.js';
import { ScpSession } from './scp.js';
import { openSftp, sftpGet, sftpGetDir, sftpPut, sftpPutDir } from './sftp.js';

/** Exit status of a command whose connection dropped before it reported one (Packer's CmdDisconnect). */
export const DISCONNECTED_STATUS = 2300218;

/** Options of an {@link SshCommunicator}. */
export interface SshCommunicatorOptions {
  dial: DialOptions;
  pty?: boolean;
  fileTransferMethod?: 'scp' | 'sftp';
  /** How long a reconnect (after a reboot) may take. */
  reconnectTimeoutMs?: number;
  handshakeAttempts?: number;
  /** Debug log lines. */
  log?(line: string): void;
  /** A reason when the machine is known to be gone: a reconnect then fails at once. */
  alive?(): string | undefined;
}

function aborted(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

/**
 * The SSH communicator: commands over exec channels, files over scp or sftp.
 * When the connection drops (a reboot), the running command reports
 * {@link DISCONNECTED_STATUS} and the next call connects again.
 */
export class SshCommunicator implements Communicator, AsyncDisposable {
  readonly #o: SshCommunicatorOptions;
  #conn: SshConnection | undefined;
  #connecting: Promise<SshConnection> | undefined;
  #closed = false;

  constructor(options: SshCommunicatorOptions, connection?: SshConnection) {
    this.#o = options;
    if (connection) this.#adopt(connection);
  }

  /** Connects (retrying until the machine answers) and returns the communicator. */
  static async connect(
    options: SshCommunicatorOptions,
    wait: { timeoutMs: number; signal: AbortSignal; alive?(): string | undefined },
  ): Promise<SshCommunicator> {
    const conn = await waitForSsh(options.dial, {
      timeoutMs: wait.timeoutMs,
      handshakeAttempts: options.handshakeAttempts ?? 10,
      signal: wait.signal,
      ...(wait.alive ? { alive: wait.alive } : {}),
      onRetry: (e, n) => options.log?.(`[DEBUG] SSH handshake attempt ${n}: ${e.message}`),
    });
    return new SshCommunicator(options, conn);
  }

  #adopt(conn: SshConnection): void {
    this.#conn = conn;
    const gone = () => {
      if (this.#conn === conn) this.#conn = undefined;
    };
    conn.client.on('close', gone);
    conn.client.on('end', gone);
    conn.client.on('error', (e: Error) => {
      this.#o.log?.(`[DEBUG] SSH connection error: ${e.message}`);
      gone();
    });
  }

  async #client(signal?: AbortSignal): Promise<ssh2.Client> {
    if (this.#closed) throw new Error('the SSH communicator is closed');
    if (this.#conn) return this.#conn.client;
    this.#connecting ??= waitForSsh(this.#o.dial, {
      timeoutMs: this.#o.reconnectTimeoutMs ?? 300_000,
      handshakeAttempts: this.#o.handshakeAttempts ?? 10,
      signal: signal ?? new AbortController().signal,
      ...(this.#o.alive ? { alive: this.#o.alive } : {}),
      onRetry: (e, n) => this.#o.log?.(`[DEBUG] SSH reconnect attempt ${n}: ${e.message}`),
    }).finally(() => {
      this.#connecting = undefined;
    });
    const conn = await this.#connecting;
    this.#o.log?.('[DEBUG] SSH reconnected');
    this.#adopt(conn);
    return conn.client;
  }

  async #channel(
    command: string,
    signal?: AbortSignal,
    pty = this.#o.pty === true,
  ): Promise<{ client: ssh2.Client; ch: ssh2.ClientChannel }> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.#client(signal);
      try {
        const ch = await new Promise<ssh2.ClientChannel>((resolve, reject) => {
          client.exec(command, pty ? { pty: true } : {}, (err, c) => (err ? reject(err) : resolve(c)));
        });
        return { client, ch };
      } catch (e) {
        // The connection died before we noticed (a reboot): connect again, once.
        if (attempt > 0 || this.#conn?.client !== client) throw e;
        this.#o.log?.(`[DEBUG] SSH channel failed (${(e as Error).message}); reconnecting`);
        this.#conn.close();
        this.#conn = undefined;
      }
    }
  }

  async exec(cmd: RemoteCommand, signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) throw aborted();
    const { client, ch } = await this.#channel(cmd.command, signal);
    return new Promise<number>((resolve, reject) => {
      let status: number | undefined;
      let done = false;
      const finish = (value: number | Error) => {
        if (done) return;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        client.removeListener('close', onDrop);
        if (typeof value === 'number') resolve(value);
        else reject(value);
      };
      const onAbort = () => {
        try {
          ch.signal('KILL');
        } catch {}
        ch.close();
        finish(aborted());
      };
      const onDrop = () => finish(status ?? DISCONNECTED_STATUS);
      signal?.addEventListener('abort', onAbort, { once: true });
      client.once('close', onDrop);
      ch.on('data', (c: Buffer) => cmd.stdout?.(c));
      ch.stderr.on('data', (c: Buffer) => cmd.stderr?.(c));
      ch.on('exit', (code: number | null, sig?: string) => {
        status = code ?? (sig ? 128 + signalNumber(sig) : DISCONNECTED_STATUS);
      });
      ch.on('close', () => finish(status ?? DISCONNECTED_STATUS));
      if (cmd.stdin) {
        cmd.stdin.pipe(ch);
        cmd.stdin.on('error', () => ch.end());
      } else ch.end();
    });
  }

  async #scp(command: string, signal: AbortSignal | undefined, fn: (s: ScpSession) => Promise<void>) {
    if (signal?.aborted) throw aborted();
    const { ch } = await this.#channel(command, signal, false);
    const session = new ScpSession(ch);
    let exitCode: number | undefined;
    const exited = new Promise<void>((resolve) => {
      ch.on('exit', (code: number | null) => {
        exitCode = code ?? undefined;
      });
      ch.on('close', () => resolve());
    });
    const onAbort = () => ch.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await fn(session);
      session.end();
      await exited;
      if (exitCode !== undefined && exitCode !== 0) {
        throw new Error(`scp exited with status ${exitCode}${session.stderr ? `: ${session.stderr}` : ''}`);
      }
    } catch (e) {
      ch.close();
      if (signal?.aborted) throw aborted();
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async #sftp(signal?: AbortSignal): Promise<ssh2.SFTPWrapper> {
    return openSftp(await this.#client(signal));
  }

  async upload(destination: string, source: Readable, info?: FileInfo, signal?: AbortSignal): Promise<void> {
    const mode = info?.mode ?? 0o644;
    if (this.#o.fileTransferMethod === 'sftp') {
      const sftp = await this.#sftp(signal);
      try {
        await sftpPut(sftp, destination, source, mode);
      } finally {
        sftp.end();
      }
      return;
    }
    let spilled: string | undefined;
    let size = info?.size;
    let data = source;
    try {
      if (size === undefined) {
        spilled = await mkdtemp(join(tmpdir(), 'kiln-scp-'));
        const file = join(spilled, 'upload');
        await pipeline(source, createWriteStream(file));
        size = (await stat(file)).size;
        data = createReadStream(file);
      }
      const dir = posix.dirname(destination);
      const n = size;
      await this.#scp(`mkdir -p ${shellQuote(dir)} && scp -t ${shellQuote(dir)}`, signal, async (s) => {
        await s.start();
        await s.sendFile(posix.basename(destination), mode, n, data);
      });
    } finally {
      if (spilled) await rm(spilled, { recursive: true, force: true });
    }
  }

  async uploadDir(
    destination: string,
    sourceDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ): Promise<void> {
    const skip = excluder(options?.exclude);
    if (this.#o.fileTransferMethod === 'sftp') {
      const sftp = await this.#sftp(signal);
      try {
        await sftpPutDir(sftp, destination, sourceDir, skip);
      } finally {
        sftp.end();
      }
      return;
    }
    const q = shellQuote(destination);
    await this.#scp(`mkdir -p ${q} && scp -rt ${q}`, signal, async (s) => {
      await s.start();
      await s.sendDirContents(sourceDir, skip);
    });
  }

  async download(source: string, destination: Writable, signal?: AbortSignal): Promise<void> {
    if (this.#o.fileTransferMethod === 'sftp') {
      const sftp = await this.#sftp(signal);
      try {
        await sftpGet(sftp, source, destination);
      } finally {
        sftp.end();
      }
    } else {
      await this.#scp(`scp -f ${shellQuote(source)}`, signal, (s) => s.receiveFile(destination));
    }
    await endStream(destination);
  }

  async downloadDir(
    source: string,
    destinationDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ): Promise<void> {
    const skip = excluder(options?.exclude);
    if (this.#o.fileTransferMethod === 'sftp') {
      const sftp = await this.#sftp(signal);
      try {
        await sftpGetDir(sftp, source, destinationDir, skip);
      } finally {
        sftp.end();
      }
      return;
    }
    await this.#scp(`scp -rf ${shellQuote(source)}`, signal, (s) => s.receiveDir(destinationDir, skip));
  }

  /** Closes the connection; later calls fail. */
  close(): void {
    this.#closed = true;
    this.#conn?.close();
    this.#conn = undefined;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }
}

async function endStream(w: Writable): Promise<void> {
  if (w.writableFinished) return;
  const finished = once(w, 'finish');
  w.end();
  await finished;
}

function signalNumber(sig: string): number {
  const table: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, SEGV: 11, PIPE: 13, TERM: 15 };
  return table[sig.replace(/^SIG/, '')] ?? 0;
}
