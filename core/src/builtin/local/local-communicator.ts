import { createReadStream } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertUnreadSource,
  type Communicator,
  copyFileAtomic,
  type DirTransferOptions,
  excluder,
  type FileInfo,
  type RemoteCommand,
  tempNameFor,
  writeFileAtomic,
} from '@kiln/plugin-sdk';
import { runProcess } from './run-process.js';

/** Options of a {@link LocalCommunicator}. */
export interface LocalCommunicatorOptions {
  /** Working directory of commands and base of relative remote paths. */
  root: string;
  /** Environment of commands (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** The shell that runs commands (default /bin/sh). */
  shell?: string;
}

/**
 * A communicator whose "machine" is this host: commands run with /bin/sh -c
 * in `root`, relative remote paths resolve against `root` (absolute ones are
 * host paths), transfers are file copies. Every file is written under a
 * temporary name beside its destination and renamed into place with its
 * mode, so a failed or cancelled transfer never leaves part of a file under
 * the final name. Used by tests of the built-ins and wherever a build targets
 * the local machine. Disposing it kills commands still running.
 */
export class LocalCommunicator implements Communicator, AsyncDisposable {
  readonly root: string;
  readonly #env: NodeJS.ProcessEnv | undefined;
  readonly #shell: string;
  readonly #running = new Set<AbortController>();

  constructor(options: LocalCommunicatorOptions) {
    this.root = resolve(options.root);
    this.#env = options.env;
    this.#shell = options.shell ?? '/bin/sh';
  }

  /** The host path a remote path names. */
  path(remote: string): string {
    return resolve(this.root, remote);
  }

  async exec(cmd: RemoteCommand, signal?: AbortSignal): Promise<number> {
    const own = new AbortController();
    const onAbort = () => own.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) own.abort(signal.reason);
    this.#running.add(own);
    try {
      return await runProcess(
        {
          argv: [this.#shell, '-c', cmd.command],
          cwd: this.root,
          env: this.#env ?? process.env,
          stdin: cmd.stdin,
          stdout: cmd.stdout,
          stderr: cmd.stderr,
        },
        own.signal,
      );
    } finally {
      this.#running.delete(own);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async upload(destination: string, source: Readable, info?: FileInfo, signal?: AbortSignal): Promise<void> {
    assertUnreadSource(source, destination);
    const dst = this.path(destination);
    await mkdir(dirname(dst), { recursive: true });
    await writeFileAtomic(dst, source, {
      mode: info?.mode ?? 0o644,
      ...(info?.size !== undefined ? { size: info.size } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  async uploadDir(
    destination: string,
    sourceDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ): Promise<void> {
    await copyTree(resolve(sourceDir), this.path(destination), options, signal);
  }

  async download(source: string, destination: Writable, signal?: AbortSignal): Promise<void> {
    await pipeline(createReadStream(this.path(source)), destination, { signal });
  }

  async downloadDir(
    source: string,
    destinationDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ): Promise<void> {
    await copyTree(this.path(source), resolve(destinationDir), options, signal);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    for (const c of this.#running) c.abort();
    this.#running.clear();
  }
}

/**
 * Copies the contents of `from` into `to` (created when missing): files
 * through a temporary name and a rename, with their modes and times;
 * symlinks as links; directories with their modes, set once filled.
 */
async function copyTree(
  from: string,
  to: string,
  options: DirTransferOptions | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  signal?.throwIfAborted();
  const excluded = options?.exclude?.length ? excluder(options.exclude) : undefined;
  const walk = async (src: string, dst: string, rel: string): Promise<void> => {
    await mkdir(dst, { recursive: true });
    for (const entry of await readdir(src, { withFileTypes: true })) {
      signal?.throwIfAborted();
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (excluded?.(r)) continue;
      const s = join(src, entry.name);
      const d = join(dst, entry.name);
      if (entry.isDirectory()) {
        await walk(s, d, r);
        await chmod(d, (await lstat(s)).mode & 0o7777);
      } else if (entry.isSymbolicLink()) {
        const temp = tempNameFor(d);
        await symlink(await readlink(s), temp);
        await rename(temp, d).catch(async (error: unknown) => {
          await rm(temp, { force: true });
          throw error;
        });
      } else if (entry.isFile()) await copyFileAtomic(s, d);
    }
  };
  await walk(from, to, '');
}
