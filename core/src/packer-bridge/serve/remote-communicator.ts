import { basename, posix } from 'node:path';
import type { Duplex, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CancelledError,
  type Communicator,
  type DirTransferOptions,
  type RemoteCommand,
} from '@kiln/plugin-sdk';
import { decodeCommandFinished } from '../rpc/command-finished.js';
import type { RpcClient } from '../rpc/msgpack-rpc.js';
import type { MuxBroker } from '../rpc/mux-broker.js';

async function readAll(s: Duplex): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** `p`, or a CancelledError as soon as `signal` aborts (its listener removed when `p` settles). */
function withSignal<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Packer's directory transfers copy a source ending in "/" by its contents, as Kiln's do. */
const contents = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);

/**
 * A Packer plugin's communicator (served on `client`'s stream as
 * `Communicator`) as Kiln's Communicator, so Kiln's provisioners run against
 * a Packer builder's machine. Standard streams, uploads and downloads each
 * cross on a stream of their own, opened by the plugin to an id given here.
 */
export class RemotePackerCommunicator implements Communicator {
  readonly #client: RpcClient;
  readonly #broker: MuxBroker;

  constructor(client: RpcClient, broker: MuxBroker) {
    this.#client = client;
    this.#broker = broker;
  }

  async exec(cmd: RemoteCommand, signal?: AbortSignal): Promise<number> {
    const b = this.#broker;
    const stdinId = cmd.stdin ? b.nextId() : 0;
    const stdoutId = b.nextId();
    const stderrId = b.nextId();
    const responseId = b.nextId();
    const copies: Promise<unknown>[] = [];
    if (cmd.stdin) {
      const stdin = cmd.stdin;
      copies.push(b.accept(stdinId).then((s) => pipeline(stdin, s)));
    }
    const sink = (id: number, write?: (chunk: Buffer) => void) =>
      b.accept(id).then(async (s) => {
        for await (const c of s) write?.(c as Buffer);
      });
    const outputs = Promise.all([sink(stdoutId, cmd.stdout), sink(stderrId, cmd.stderr)]);
    const response = b.accept(responseId).then(async (s) => {
      const data = await readAll(s);
      await outputs;
      return decodeCommandFinished(data);
    });
    // Unused accepts must not surface as unhandled rejections.
    response.catch(() => {});
    for (const c of copies) c.catch(() => {});
    await withSignal(
      this.#client.call('Communicator.Start', {
        Command: cmd.command,
        StdinStreamId: stdinId,
        StdoutStreamId: stdoutId,
        StderrStreamId: stderrId,
        ResponseStreamId: responseId,
      }),
      signal,
    );
    return withSignal(response, signal);
  }

  async upload(
    destination: string,
    source: Readable,
    info?: { mode?: number; size?: number },
    signal?: AbortSignal,
  ) {
    await this.#mkdirs(posix.dirname(destination), signal);
    const id = this.#broker.nextId();
    const sent = this.#broker.accept(id).then((s) => pipeline(source, s));
    sent.catch(() => {});
    const fileInfo =
      info && (info.mode !== undefined || info.size !== undefined)
        ? { N: basename(destination), S: info.size ?? 0, M: info.mode ?? 0o644 }
        : null;
    await withSignal(
      this.#client.call('Communicator.Upload', { Path: destination, ReaderStreamId: id, FileInfo: fileInfo }),
      signal,
    );
    await sent;
  }

  async uploadDir(
    destination: string,
    sourceDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ) {
    await this.#mkdirs(destination, signal);
    await withSignal(
      this.#client.call('Communicator.UploadDir', {
        Dst: destination,
        Src: contents(sourceDir),
        Exclude: options?.exclude ?? [],
      }),
      signal,
    );
  }

  /**
   * Kiln's communicators create missing parent directories; Packer's leave
   * that to the provisioner (its file provisioner runs `mkdir -p` first).
   */
  async #mkdirs(dir: string, signal?: AbortSignal): Promise<void> {
    if (dir === '' || dir === '.' || dir === '/') return;
    const quoted = `'${dir.replace(/'/g, `'\\''`)}'`;
    let stderr = '';
    const status = await this.exec(
      { command: `mkdir -p ${quoted}`, stderr: (c) => (stderr += c.toString()) },
      signal,
    );
    if (status !== 0) throw new Error(`mkdir -p ${quoted} exited ${status}: ${stderr.trim()}`);
  }

  async download(source: string, destination: Writable, signal?: AbortSignal): Promise<void> {
    const id = this.#broker.nextId();
    const received = this.#broker.accept(id).then((s) => pipeline(s, destination));
    received.catch(() => {});
    await withSignal(
      this.#client.call('Communicator.Download', { Path: source, WriterStreamId: id }),
      signal,
    );
    await withSignal(received, signal);
  }

  async downloadDir(
    source: string,
    destinationDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ) {
    await withSignal(
      this.#client.call('Communicator.DownloadDir', {
        Src: contents(source),
        Dst: destinationDir,
        Exclude: options?.exclude ?? [],
      }),
      signal,
    );
  }
}
