import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type * as grpc from '@grpc/grpc-js';
import type { v1 } from '@kiln/proto';
import type { Communicator, DirTransferOptions, FileInfo, RemoteCommand } from '../communicator.js';
import { assertUnreadSource } from '../transfer/source-guard.js';
import { chunked, localFilePath, writeWithBackpressure } from './chunks.js';
import { type ClientContext, callError, cancelOnAbort, makeClient, tokenMetadata } from './client-call.js';
import { services } from './contract.js';
import { extractTar, packDir } from './tar-dir.js';

/** Options of {@link communicatorClient}. */
export interface CommunicatorClientOptions {
  /** Both ends share the disk: send paths instead of bytes where possible. Default true. */
  localPaths?: boolean;
}

/**
 * A Communicator that forwards every call to a Communicator service (a
 * plugin's, or core's proxy) for the communicator named `id`. `download`
 * ends the destination stream when done.
 */
export function communicatorClient(
  ctx: ClientContext,
  id: string,
  options: CommunicatorClientOptions = {},
): Communicator & Required<Pick<Communicator, 'uploadTar' | 'downloadTar'>> {
  const Client = services().kiln.plugin.v1.Communicator;
  const client = makeClient(Client, ctx);
  const localPaths = options.localPaths ?? true;

  const upload = (start: v1.UploadStart, data: AsyncIterable<Buffer> | undefined, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const call = client.Upload(tokenMetadata(ctx.token), (error) => {
        unsubscribe();
        if (error) callError(ctx, error, signal).then(reject, reject);
        else resolve();
      });
      const unsubscribe = cancelOnAbort(call, signal);
      void (async () => {
        call.write({ start: { ...start, communicatorId: id, sendsEnd: data !== undefined } });
        if (data) {
          for await (const chunk of data) {
            signal?.throwIfAborted();
            await writeWithBackpressure(call, { chunk });
          }
          // The explicit end: a cancel can reach the server as an end of
          // stream, which alone must never pass for a complete upload.
          signal?.throwIfAborted();
          await writeWithBackpressure(call, { end: true });
        }
        signal?.throwIfAborted();
        call.end();
      })().catch((e) => {
        call.cancel();
        reject(e);
      });
    });

  const downloadStream = (
    request: v1.DownloadRequest,
    signal?: AbortSignal,
  ): grpc.ClientReadableStream<v1.DownloadOutput__Output> => {
    const call = client.Download({ ...request, communicatorId: id }, tokenMetadata(ctx.token));
    const unsubscribe = cancelOnAbort(call, signal);
    call.on('end', unsubscribe);
    call.on('error', unsubscribe);
    return call;
  };

  const drain = async (
    call: grpc.ClientReadableStream<v1.DownloadOutput__Output>,
    into: Writable | undefined,
    signal?: AbortSignal,
  ) => {
    try {
      for await (const msg of call as AsyncIterable<v1.DownloadOutput__Output>) {
        if (into && msg.chunk.length) await writeWithBackpressure(into, msg.chunk);
      }
    } catch (e) {
      throw await callError(ctx, e, signal);
    }
  };

  const downloadTar = async (source: string, signal?: AbortSignal): Promise<Readable> => {
    const out = new PassThrough();
    const call = downloadStream({ source, kind: 'DIRECTORY' }, signal);
    drain(call, out, signal).then(
      () => out.end(),
      (e) => out.destroy(e),
    );
    return out;
  };

  return {
    exec(cmd: RemoteCommand, signal?: AbortSignal): Promise<number> {
      return new Promise<number>((resolve, reject) => {
        const call = client.Exec(tokenMetadata(ctx.token));
        const unsubscribe = cancelOnAbort(call, signal);
        let status: number | undefined;
        call.on('data', (msg: v1.ExecOutput__Output) => {
          if (msg.output === 'stdout') cmd.stdout?.(msg.stdout!);
          else if (msg.output === 'stderr') cmd.stderr?.(msg.stderr!);
          else if (msg.output === 'exitStatus') status = msg.exitStatus!;
        });
        let settled = false;
        call.on('error', (e) => {
          unsubscribe();
          if (settled) return;
          settled = true;
          callError(ctx, e, signal).then(reject, reject);
        });
        call.on('status', (s: grpc.StatusObject) => {
          unsubscribe();
          if (settled || s.code !== 0) return;
          settled = true;
          if (status === undefined) reject(new Error(`command ended without an exit status: ${cmd.command}`));
          else resolve(status);
        });
        call.write({
          start: { communicatorId: id, command: cmd.command, hasStdin: cmd.stdin !== undefined },
        });
        void (async () => {
          if (cmd.stdin) {
            for await (const data of chunked(cmd.stdin)) await writeWithBackpressure(call, { stdin: data });
            call.write({ stdinClose: true });
          }
          call.end();
        })().catch(() => call.cancel());
      });
    },

    async upload(destination: string, source: Readable, info: FileInfo = {}, signal?: AbortSignal) {
      assertUnreadSource(source, destination);
      const start: v1.UploadStart = { destination, kind: 'FILE', mode: info.mode ?? 0, size: info.size ?? 0 };
      const path = localPaths ? localFilePath(source) : undefined;
      if (path) {
        source.destroy();
        return upload({ ...start, localPath: path }, undefined, signal);
      }
      return upload(start, chunked(source), signal);
    },

    async uploadDir(
      destination: string,
      sourceDir: string,
      opts: DirTransferOptions = {},
      signal?: AbortSignal,
    ) {
      const exclude = opts.exclude ?? [];
      if (localPaths)
        return upload({ destination, kind: 'DIRECTORY', localPath: sourceDir, exclude }, undefined, signal);
      return upload(
        { destination, kind: 'DIRECTORY', exclude },
        chunked(packDir(sourceDir, exclude)),
        signal,
      );
    },

    uploadTar(destination: string, tarStream: Readable, signal?: AbortSignal) {
      return upload({ destination, kind: 'DIRECTORY' }, chunked(tarStream), signal);
    },

    async download(source: string, destination: Writable, signal?: AbortSignal) {
      await drain(downloadStream({ source, kind: 'FILE' }, signal), destination, signal);
      if (!destination.writableEnded) destination.end();
      await finished(destination, { readable: false });
    },

    async downloadDir(
      source: string,
      destinationDir: string,
      opts: DirTransferOptions = {},
      signal?: AbortSignal,
    ) {
      const exclude = opts.exclude ?? [];
      if (localPaths) {
        await drain(
          downloadStream({ source, kind: 'DIRECTORY', localPath: destinationDir, exclude }, signal),
          undefined,
          signal,
        );
        return;
      }
      await extractTar(await downloadTar(source, signal), destinationDir, signal);
    },

    downloadTar,
  };
}

/** A scratch directory removed after `fn`, for transfers that need files on disk. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-transfer-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
