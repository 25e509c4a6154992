import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import type { v1 } from '@kiln/proto';
import type { Communicator } from '../communicator.js';
import { openFileAtomic } from '../transfer/atomic-file.js';
import { chunked, writeWithBackpressure } from './chunks.js';
import { withTempDir } from './communicator-client.js';
import { errorStatus, type ServerContext, streamCall } from './server-call.js';
import { extractTar, packDir } from './tar-dir.js';

/** Finds the communicator a request names, for the caller making it. */
export type CommunicatorLookup<C> = (caller: C, communicatorId: string) => Communicator | undefined;

const notFound = (id: string) => ({
  code: grpc.status.NOT_FOUND,
  details: `no communicator ${JSON.stringify(id)}`,
});

/** Serves the Communicator service from communicators looked up by id. */
export function communicatorServer<C>(
  ctx: ServerContext<C>,
  lookup: CommunicatorLookup<C>,
): v1.CommunicatorHandlers {
  return {
    Exec(call: grpc.ServerDuplexStream<v1.ExecInput__Output, v1.ExecOutput>) {
      const fail = (s: Partial<grpc.StatusObject>) => call.emit('error', s);
      const h = streamCall(ctx, call, fail);
      if (!h) return;
      let stdin: PassThrough | undefined;
      let started = false;
      call.on('data', (msg: v1.ExecInput__Output) => {
        if (!started) {
          started = true;
          if (msg.input !== 'start' || !msg.start) {
            h.done();
            fail({ code: grpc.status.INVALID_ARGUMENT, details: 'the first Exec message must be start' });
            return;
          }
          const comm = lookup(h.caller, msg.start.communicatorId);
          if (!comm) {
            h.done();
            fail(notFound(msg.start.communicatorId));
            return;
          }
          if (msg.start.hasStdin) stdin = new PassThrough();
          comm
            .exec(
              {
                command: msg.start.command,
                ...(stdin ? { stdin } : {}),
                stdout: (c) => call.write({ stdout: c }),
                stderr: (c) => call.write({ stderr: c }),
              },
              h.signal,
            )
            .then(
              (status) => {
                h.done();
                call.write({ exitStatus: status });
                call.end();
              },
              (e) => {
                h.done();
                fail(errorStatus(e));
              },
            );
          return;
        }
        if (msg.input === 'stdin' && msg.stdin) stdin?.write(msg.stdin);
        else if (msg.input === 'stdinClose') stdin?.end();
      });
      call.on('end', () => stdin?.end());
    },

    Upload(
      call: grpc.ServerReadableStream<v1.UploadInput__Output, v1.Empty>,
      callback: grpc.sendUnaryData<v1.Empty>,
    ) {
      const h = streamCall(ctx, call, (s) => callback(s));
      if (!h) return;
      const it = (call as AsyncIterable<v1.UploadInput__Output>)[Symbol.asyncIterator]();
      (async () => {
        const first = await it.next();
        const start = first.done ? undefined : first.value.start;
        if (!start)
          throw Object.assign(new Error('the first Upload message must be start'), { invalid: true });
        const comm = lookup(h.caller, start.communicatorId);
        if (!comm) return notFound(start.communicatorId);
        // 0 is the wire's "not given" (a uint64 arrives as a string: "0" is truthy).
        const size = Number(start.size ?? 0);
        const info = {
          ...(start.mode ? { mode: start.mode } : {}),
          ...(size > 0 ? { size } : {}),
        };
        if (start.localPath) {
          if (start.kind === 'DIRECTORY')
            await comm.uploadDir(start.destination, start.localPath, { exclude: start.exclude }, h.signal);
          else await comm.upload(start.destination, createReadStream(start.localPath), info, h.signal);
          return null;
        }
        const data = Readable.from(
          (async function* () {
            let ended = false;
            for (;;) {
              const n = await it.next();
              // A cancelled call must never look like a complete upload: a
              // cancel can arrive as an end of stream before the cancellation.
              if (n.done && (call.cancelled || h.signal.aborted || (start.sendsEnd && !ended)))
                throw new Error('the upload was cancelled before all its data arrived');
              if (n.done) return;
              if (n.value.end) ended = true;
              if (n.value.chunk?.length) yield n.value.chunk;
            }
          })(),
        );
        if (start.kind !== 'DIRECTORY') await comm.upload(start.destination, data, info, h.signal);
        else if (comm.uploadTar) await comm.uploadTar(start.destination, data, h.signal);
        else
          await withTempDir(async (dir) => {
            await extractTar(data, dir, h.signal);
            await comm.uploadDir(start.destination, dir, { exclude: start.exclude }, h.signal);
          });
        return null;
      })().then(
        (status) => {
          h.done();
          if (status) callback(status);
          else callback(null, {});
        },
        (e) => {
          h.done();
          callback(errorStatus(e));
        },
      );
    },

    Download(call: grpc.ServerWritableStream<v1.DownloadRequest__Output, v1.DownloadOutput>) {
      const fail = (s: Partial<grpc.StatusObject>) => call.emit('error', s);
      const h = streamCall(ctx, call, fail);
      if (!h) return;
      const req = call.request;
      const send = async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of chunked(source)) await writeWithBackpressure(call, { chunk });
      };
      (async () => {
        const comm = lookup(h.caller, req.communicatorId);
        if (!comm) return notFound(req.communicatorId);
        const opts = { exclude: req.exclude };
        if (req.localPath) {
          if (req.kind === 'DIRECTORY') await comm.downloadDir(req.source, req.localPath, opts, h.signal);
          else {
            const out = openFileAtomic(req.localPath);
            try {
              await comm.download(req.source, out.stream, h.signal);
            } catch (e) {
              await out.discard();
              throw e;
            }
            await out.commit();
          }
          return null;
        }
        if (req.kind === 'DIRECTORY') {
          if (comm.downloadTar && opts.exclude.length === 0)
            await send(await comm.downloadTar(req.source, h.signal));
          else
            await withTempDir(async (dir) => {
              await comm.downloadDir(req.source, dir, opts, h.signal);
              await send(packDir(dir));
            });
          return null;
        }
        const pt = new PassThrough();
        const sending = send(pt);
        sending.catch(() => {});
        try {
          await comm.download(req.source, pt, h.signal);
        } catch (e) {
          pt.destroy();
          throw e;
        }
        if (!pt.writableEnded) pt.end();
        await sending;
        return null;
      })().then(
        (status) => {
          h.done();
          if (status) fail(status);
          else call.end();
        },
        (e) => {
          h.done();
          fail(errorStatus(e));
        },
      );
    },
  };
}
