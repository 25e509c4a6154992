import { basename, join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Communicator } from '@kiln/plugin-sdk';
import { encodeCommandFinished } from '../rpc/command-finished.js';
import type { RpcService } from '../rpc/msgpack-rpc.js';
import type { MuxBroker } from '../rpc/mux-broker.js';

interface StartArgs {
  Command?: string;
  StdinStreamId?: number;
  StdoutStreamId?: number;
  StderrStreamId?: number;
  ResponseStreamId?: number;
}

/**
 * Packer's directory semantics: a source ending in "/" is copied by its
 * contents, otherwise the directory itself lands inside the destination.
 * Kiln's communicators always copy contents.
 */
function dirTarget(source: string, destination: string): string {
  return source.endsWith('/') ? destination : join(destination, basename(source));
}

/**
 * A Kiln communicator (SSH, docker exec, or another plugin's through core)
 * served as Packer's `Communicator`, so a Packer provisioner can use it.
 * Each standard stream, upload and download crosses on a stream the plugin
 * accepts; the exit status goes back gob-encoded on its own stream.
 */
export function communicatorService(comm: Communicator, broker: MuxBroker, signal: AbortSignal): RpcService {
  const dialIf = (id: number | undefined): Promise<Duplex | undefined> =>
    id ? broker.dial(id) : Promise.resolve(undefined);
  return {
    Start: async (args) => {
      const a = (args ?? {}) as StartArgs;
      const [stdin, stdout, stderr] = await Promise.all([
        dialIf(a.StdinStreamId),
        dialIf(a.StdoutStreamId),
        dialIf(a.StderrStreamId),
      ]);
      const response = await broker.dial(Number(a.ResponseStreamId));
      const finish = (status: number) => {
        stdout?.end();
        stderr?.end();
        stdin?.destroy();
        response.end(encodeCommandFinished(status));
      };
      comm
        .exec(
          {
            command: String(a.Command ?? ''),
            ...(stdin ? { stdin } : {}),
            stdout: (c) => stdout?.write(c),
            stderr: (c) => stderr?.write(c),
          },
          signal,
        )
        .then(finish, (e: Error) => {
          stderr?.write(`${e.message}\n`);
          finish(123);
        });
      return null;
    },
    Upload: async (args) => {
      const a = (args ?? {}) as {
        Path?: string;
        ReaderStreamId?: number;
        FileInfo?: { M?: number; S?: number } | null;
      };
      const reader = await broker.dial(Number(a.ReaderStreamId));
      const info = a.FileInfo
        ? {
            ...(a.FileInfo.M !== undefined ? { mode: a.FileInfo.M & 0o7777 } : {}),
            ...(a.FileInfo.S ? { size: a.FileInfo.S } : {}),
          }
        : undefined;
      await comm.upload(String(a.Path ?? ''), reader, info, signal);
      return null;
    },
    UploadDir: async (args) => {
      const a = (args ?? {}) as { Dst?: string; Src?: string; Exclude?: string[] | null };
      const src = String(a.Src ?? '');
      await comm.uploadDir(dirTarget(src, String(a.Dst ?? '')), src, { exclude: a.Exclude ?? [] }, signal);
      return null;
    },
    Download: async (args) => {
      const a = (args ?? {}) as { Path?: string; WriterStreamId?: number };
      const writer = await broker.dial(Number(a.WriterStreamId));
      await comm.download(String(a.Path ?? ''), writer, signal);
      if (!writer.writableEnded) writer.end();
      return null;
    },
    DownloadDir: async (args) => {
      const a = (args ?? {}) as { Dst?: string; Src?: string; Exclude?: string[] | null };
      const src = String(a.Src ?? '');
      await comm.downloadDir(src, dirTarget(src, String(a.Dst ?? '')), { exclude: a.Exclude ?? [] }, signal);
      return null;
    },
  };
}
