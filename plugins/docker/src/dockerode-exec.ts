import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { demuxer } from './demux.js';
import type { ExecOptions } from './driver.js';

/**
 * Runs a command in a container through the exec API: stdout and stderr
 * demultiplexed to their callbacks, stdin fed then half-closed, and the exit
 * status read once the output ends. Aborting the signal drops the stream.
 */
export async function execInContainer(docker: Docker, id: string, opts: ExecOptions): Promise<number> {
  const exec = await docker.getContainer(id).exec({
    Cmd: opts.cmd,
    AttachStdin: opts.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    ...(opts.user ? { User: opts.user } : {}),
  });
  const stream = (await exec.start({
    hijack: true,
    stdin: opts.stdin !== undefined,
    ...(opts.signal ? { abortSignal: opts.signal } : {}),
  })) as NodeJS.ReadWriteStream & { destroy(e?: Error): void };
  const onAbort = () => stream.destroy(new Error('cancelled'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // A stdin source that fails fails the command (it saw a truncated input);
  // the command's own early exit (its stdin closed) does not. The source is
  // piped, not pipelined: a pipeline would destroy it when the command exits
  // first, and the source may be a duplex the caller still writes to (an SSH
  // channel of the ansible proxy).
  let stdinError: Error | undefined;
  const dest = stream as unknown as NodeJS.WritableStream;
  const onStdinError = (e: Error) => {
    stdinError ??= e;
    dest.end();
  };
  opts.stdin?.on('error', onStdinError);
  opts.stdin?.pipe(dest);
  try {
    const out = demuxer(opts.stdout ?? (() => {}), opts.stderr ?? (() => {}));
    await pipeline(stream as unknown as Readable, out);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    opts.stdin?.unpipe(dest);
  }
  opts.signal?.throwIfAborted();
  if (stdinError) throw new Error(`reading the command's stdin failed: ${stdinError.message}`);
  for (let i = 0; i < 100; i++) {
    const info = await exec.inspect();
    if (!info.Running) return info.ExitCode ?? -1;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the command ended its output but the engine still reports it running');
}
