import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type ssh2 from 'ssh2';
import type { Communicator, DirTransferOptions, FileInfo, RemoteCommand } from '../communicator.js';
import { excluder } from '../exclude.js';
import { assertUnreadSource } from '../transfer/source-guard.js';
import { tempNameFor } from '../transfer/temp-name.js';
import { type DialOptions, type SshConnection, waitForSsh } from './dial.js';
import { shellQuote } from './quote.js';
import { commitRenames, type PendingRename, removeTemps } from './remote-rename.js';
import { ScpSession } from './scp.js';
import { openSftp, type SftpSession, sftpGet, sftpGetDir, sftpPut, sftpPutDir } from './sftp.js';

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

/**
 * ssh2's error when the server closed a channel without answering the exec
 * request sent on it: the command may have run (dropbear, for one, runs it
 * and then drops the channel when it races with a previous channel's end).
 */
const EXEC_UNCONFIRMED = 'Unable to exec';

/** The server was sent a command but never confirmed it; it may have run, so it is not sent again. */
class UnconfirmedExecError extends Error {
  /** Whether the connection was gone by then (the command may have been what took the machine down). */
  readonly connectionGone: boolean;
  constructor(message: string, connectionGone: boolean) {
    super(message);
    this.name = 'UnconfirmedExecError';
    this.connectionGone = connectionGone;
  }
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
  /** Clients whose connection has ended or closed. */
  readonly #dead = new WeakSet<ssh2.Client>();

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
      this.#dead.add(conn.client);
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

  /**
   * Opens an exec channel. When the command cannot have reached the server
   * (the session did not open, or the connection was found dead), connects
   * again and tries once more; once the exec request was sent it never
   * retries: the command may have run.
   */
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
        const message = (e as Error).message;
        if (message === EXEC_UNCONFIRMED) {
          const gone = this.#dead.has(client);
          this.#o.log?.(
            `[DEBUG] SSH server did not confirm the command${gone ? ' (connection lost)' : ''}; not sending it again`,
          );
          throw new UnconfirmedExecError(
            `SSH: the server did not confirm the command (it may have run, so it is not sent again): ${command}`,
            gone,
          );
        }
        if (attempt > 0 || signal?.aborted) throw e;
        // The connection died before we noticed (a reboot), or the server
        // would not open a session on it: connect again, once.
        this.#o.log?.(`[DEBUG] SSH channel failed (${message}); reconnecting`);
        if (this.#conn?.client === client) {
          this.#conn.close();
          this.#conn = undefined;
        }
      }
    }
  }

  async exec(cmd: RemoteCommand, signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) throw aborted();
    let opened: { client: ssh2.Client; ch: ssh2.ClientChannel };
    try {
      opened = await this.#channel(cmd.command, signal);
    } catch (e) {
      // Sent, then the connection dropped before the answer: like a drop while it runs.
      if (e instanceof UnconfirmedExecError && e.connectionGone) return DISCONNECTED_STATUS;
      throw e;
    }
    const { client, ch } = opened;
    return new Promise<number>((resolve, reject) => {
      let status: number | undefined;
      let stdinError: Error | undefined;
      let done = false;
      const finish = (value: number | Error) => {
        if (done) return;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        client.removeListener('close', onDrop);
        if (typeof value === 'number' && stdinError)
          reject(new Error(`reading the command's stdin failed: ${stdinError.message}`));
        else if (typeof value === 'number') resolve(value);
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
      const exitStatus = (code: number | null | undefined, sig?: string) =>
        typeof code === 'number' ? code : sig ? 128 + signalNumber(sig) : undefined;
      ch.on('exit', (code: number | null, sig?: string) => {
        status = exitStatus(code, sig) ?? DISCONNECTED_STATUS;
      });
      // 'close' repeats the exit status: 'exit' may have fired already, when
      // the server's answer, the status and the close came in one read.
      ch.on('close', (code?: number | null, sig?: string) =>
        finish(status ?? exitStatus(code, sig) ?? DISCONNECTED_STATUS),
      );
      if (cmd.stdin) {
        cmd.stdin.pipe(ch);
        // A stdin source that fails fails the command: it saw a truncated input.
        cmd.stdin.on('error', (e: Error) => {
          stdinError ??= e;
          ch.end();
        });
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

  /**
   * Runs `fn` on an sftp session, then ends the session and waits for the
   * server to close its channel: a command started while the server is still
   * ending the sftp-server can lose its channel (dropbear closes it unanswered,
   * or drops the connection) even though the command runs.
   */
  async #withSftp<T>(
    signal: AbortSignal | undefined,
    fn: (sftp: ssh2.SFTPWrapper) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) throw aborted();
    const session: SftpSession = await openSftp(await this.#client(signal));
    try {
      return await fn(session.sftp);
    } finally {
      await session.close(signal);
    }
  }

  /**
   * Uploads go to a temporary name beside the destination and are renamed
   * into place (with their exact mode) once every byte arrived; a failed or
   * cancelled upload removes its temporary file.
   */
  async upload(destination: string, source: Readable, info?: FileInfo, signal?: AbortSignal): Promise<void> {
    assertUnreadSource(source, destination);
    const mode = info?.mode ?? 0o644;
    if (this.#o.fileTransferMethod === 'sftp') {
      await this.#withSftp(signal, (sftp) => sftpPut(sftp, destination, source, mode, signal));
      return;
    }
    let spilled: string | undefined;
    let size = info?.size;
    let data = source;
    try {
      if (size === undefined) {
        spilled = await mkdtemp(join(tmpdir(), 'kiln-scp-'));
        const file = join(spilled, 'upload');
        await pipeline(source, createWriteStream(file), signal ? { signal } : {});
        size = (await stat(file)).size;
        data = createReadStream(file);
      }
      const dir = posix.dirname(destination);
      const n = size;
      const temp = tempNameFor(destination);
      const [qd, qt, qf] = [dir, temp, destination].map(shellQuote);
      // One command: receive under the temporary name, then the exact mode
      // (scp's own is filtered by the umask), then the rename.
      const command =
        `mkdir -p ${qd} && scp -t ${qd} && chmod ${(mode & 0o7777).toString(8)} ${qt} && ` +
        `{ [ ! -d ${qf} ] || { echo ${qf} is a directory >&2; exit 1; }; } && mv -f ${qt} ${qf}`;
      await this.#scpUpload(
        command,
        '.',
        signal,
        async (s, renames) => {
          renames.push({ temp, final: destination, mode });
          await s.start();
          await s.sendFile(posix.basename(temp), mode, n, data);
        },
        false,
      );
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
      await this.#withSftp(signal, (sftp) => sftpPutDir(sftp, destination, sourceDir, skip, signal));
      return;
    }
    const q = shellQuote(destination);
    await this.#scpUpload(`mkdir -p ${q} && scp -rt ${q}`, destination, signal, async (s, renames) => {
      await s.start();
      await s.sendDirContents(sourceDir, skip, renames);
    });
  }

  /**
   * An scp upload whose files travel under temporary names (relative to
   * `dir`): once the scp session ended cleanly they are moved into place
   * (unless `command` did that itself), and on any failure the ones that may
   * exist are removed.
   */
  async #scpUpload(
    command: string,
    dir: string,
    signal: AbortSignal | undefined,
    send: (s: ScpSession, renames: PendingRename[]) => Promise<void>,
    commit = true,
  ): Promise<void> {
    const renames: PendingRename[] = [];
    const exec = (cmd: RemoteCommand, sig?: AbortSignal) => this.exec(cmd, sig);
    try {
      await this.#scp(command, signal, (s) => send(s, renames));
      if (commit) await commitRenames(exec, dir, renames, signal);
    } catch (error) {
      await removeTemps(
        exec,
        dir,
        renames.map((r) => r.temp),
      );
      throw error;
    }
  }

  async download(source: string, destination: Writable, signal?: AbortSignal): Promise<void> {
    if (this.#o.fileTransferMethod === 'sftp') {
      await this.#withSftp(signal, (sftp) => sftpGet(sftp, source, destination, signal));
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
      await this.#withSftp(signal, (sftp) => sftpGetDir(sftp, source, destinationDir, skip, signal));
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

/** Ends a download's destination and waits until it is done (a file stream: its descriptor closed). */
async function endStream(w: Writable): Promise<void> {
  if (!w.writableEnded) w.end();
  await finished(w, { readable: false });
}

function signalNumber(sig: string): number {
  const table: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, SEGV: 11, PIPE: 13, TERM: 15 };
  return table[sig.replace(/^SIG/, '')] ?? 0;
}
