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
  // the command's own early exit (its stdin closed) does not.
  let stdinError: Error | undefined;
  opts.stdin?.once('error', (e: Error) => {
    stdinError = e;
  });
  try {
    const out = demuxer(opts.stdout ?? (() => {}), opts.stderr ?? (() => {}));
    const feeding = opts.stdin
      ? pipeline(opts.stdin, stream as unknown as NodeJS.WritableStream).catch(() => {})
      : Promise.resolve();
    await pipeline(stream as unknown as Readable, out);
    await feeding;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
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
