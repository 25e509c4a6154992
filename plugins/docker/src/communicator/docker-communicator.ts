import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertUnreadSource,
  type Communicator,
  type DirTransferOptions,
  type FileInfo,
  type RemoteCommand,
  tempNameFor,
} from '@kiln/plugin-sdk';
import { statusOf } from '../dockerode-driver.js';
import type { DockerDriver } from '../driver.js';
import { extractInto, extractSingleFile } from './tar-extract.js';
import { packDirectory, packFile } from './tar-pack.js';

/** Options of the docker communicator (the builder's exec_user and fix_upload_owner). */
export interface DockerCommunicatorOptions {
  execUser?: string;
  fixUploadOwner: boolean;
  /** The host directory mounted in the container (container_dir), when there is one. */
  shared?: { hostDir: string; containerDir: string };
}

/**
 * Reaches a running container through the Engine API: commands through the
 * exec API, files and directories as tar streams through the archive API.
 * A file upload from a path on this host goes through the directory shared
 * with the container instead (a file copy, then `cp` in the container, as
 * Packer does), which is faster than streaming it through the Engine; when
 * that fails (no shell or cp in the image, an engine on another host), the
 * archive API is used. Nothing is spawned on the host.
 *
 * A file upload lands under a temporary name beside its destination and is
 * renamed over it (`mv -f` in the container) once complete, so a failed or
 * cancelled upload never leaves part of a file under the final name; the
 * temporary file is removed on failure.
 */
export class DockerCommunicator implements Communicator {
  constructor(
    private readonly driver: DockerDriver,
    readonly containerId: string,
    private readonly options: DockerCommunicatorOptions,
  ) {}

  exec(cmd: RemoteCommand, signal?: AbortSignal): Promise<number> {
    return this.driver.exec(this.containerId, {
      cmd: ['/bin/sh', '-c', cmd.command],
      ...(this.options.execUser ? { user: this.options.execUser } : {}),
      ...(cmd.stdin ? { stdin: cmd.stdin } : {}),
      ...(cmd.stdout ? { stdout: cmd.stdout } : {}),
      ...(cmd.stderr ? { stderr: cmd.stderr } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  async upload(destination: string, source: Readable, info?: FileInfo, signal?: AbortSignal): Promise<void> {
    assertUnreadSource(source, destination);
    const dir = posix.dirname(destination);
    const temp = tempNameFor(destination);
    const mode = info?.mode ?? 0o644;
    const local = (source as Partial<ReadStream>).path;
    try {
      if (typeof local === 'string' && this.options.shared) {
        (source as ReadStream).destroy();
        if (await this.uploadShared(local, temp, destination, mode, this.options.shared, signal)) {
          await this.fixOwner(destination, signal);
          return;
        }
        source = createReadStream(local);
      }
      // A stat through the archive API costs no process in the container.
      if (!(await this.driver.pathExists(this.containerId, dir, signal))) await this.ensureDir(dir, signal);
      await this.uploadArchive(temp, source, info?.size, mode, local, signal);
      await this.run(['mv', '-f', temp, destination], 'move the upload into place', signal);
    } catch (error) {
      source.destroy();
      await this.run(['rm', '-f', temp], 'remove', AbortSignal.timeout(10_000)).catch(() => {});
      throw error;
    }
    await this.fixOwner(destination, signal);
  }

  /** Puts the bytes of `source` at `path` with `mode` through the archive API. */
  private async uploadArchive(
    path: string,
    source: Readable,
    size: number | undefined,
    mode: number,
    local: string | Buffer | undefined,
    signal?: AbortSignal,
  ): Promise<void> {
    if (size === undefined && typeof local === 'string') size = (await stat(local)).size;
    const dir = posix.dirname(path);
    if (size !== undefined) {
      await this.driver.putArchive(
        this.containerId,
        dir,
        packFile(posix.basename(path), source, size, mode),
        signal,
      );
      return;
    }
    const spool = await mkdtemp(join(tmpdir(), 'kiln-upload-'));
    try {
      const file = join(spool, 'data');
      await pipeline(source, createWriteStream(file), signal ? { signal } : {});
      const st = await stat(file);
      const tar = packFile(posix.basename(path), createReadStream(file), st.size, mode);
      await this.driver.putArchive(this.containerId, dir, tar, signal);
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
  }

  private async run(cmd: string[], what: string, signal?: AbortSignal): Promise<void> {
    const stderr: Buffer[] = [];
    const code = await this.driver.exec(this.containerId, {
      cmd,
      user: '0',
      stderr: (c) => stderr.push(c),
      ...(signal ? { signal } : {}),
    });
    if (code !== 0)
      throw new Error(
        `cannot ${what} in the container (${cmd.join(' ')}): ${Buffer.concat(stderr).toString().trim()}`,
      );
  }

  /**
   * Copies a host file into the shared directory and has the container put
   * it in place in one command: the parent directory, a copy under the
   * temporary name with `mode`, then the rename over `destination` (the
   * temporary file is removed if a part fails). False when that fails, so
   * that the caller streams the file through the archive API instead.
   */
  private async uploadShared(
    path: string,
    temp: string,
    destination: string,
    mode: number,
    shared: { hostDir: string; containerDir: string },
    signal?: AbortSignal,
  ): Promise<boolean> {
    const name = `upload-${randomUUID()}`;
    const hostFile = join(shared.hostDir, name);
    try {
      await copyFile(path, hostFile);
      const code = await this.driver.exec(this.containerId, {
        cmd: [
          '/bin/sh',
          '-c',
          'mkdir -p "$4" && cp "$1" "$2" && chmod "$3" "$2" && mv -f "$2" "$5" || { rm -f "$2"; exit 1; }',
          'sh',
          posix.join(shared.containerDir, name),
          temp,
          (mode & 0o7777).toString(8),
          posix.dirname(destination),
          destination,
        ],
        user: '0',
        stderr: () => {},
        ...(signal ? { signal } : {}),
      });
      // No shell or cp, or the shared directory is not there (an engine on
      // another host): the archive API says what is wrong, if anything.
      return code === 0;
    } finally {
      await rm(hostFile, { force: true });
    }
  }

  async uploadDir(
    destination: string,
    sourceDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.uploadTar(destination, packDirectory(sourceDir, options?.exclude), signal);
  }

  async uploadTar(destination: string, tar: Readable, signal?: AbortSignal): Promise<void> {
    await this.ensureDir(destination, signal);
    await this.driver.putArchive(this.containerId, destination, tar, signal);
    await this.fixOwner(destination, signal);
  }

  async download(source: string, destination: Writable, signal?: AbortSignal): Promise<void> {
    let path = source;
    for (let hops = 0; hops < 16; hops++) {
      const { symlink } = await extractSingleFile(await this.archive(path, signal), destination, source);
      if (symlink === undefined) return;
      path = posix.resolve(posix.dirname(path), symlink);
    }
    throw new Error(`${source}: too many levels of symbolic links in the container`);
  }

  async downloadDir(
    source: string,
    destinationDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ): Promise<void> {
    await extractInto(await this.archive(source, signal), destinationDir, options?.exclude);
  }

  private async archive(source: string, signal?: AbortSignal): Promise<Readable> {
    try {
      return await this.driver.getArchive(this.containerId, source, signal);
    } catch (error) {
      if (statusOf(error) === 404) throw new Error(`${source}: no such file or directory in the container`);
      throw error;
    }
  }

  private async ensureDir(dir: string, signal?: AbortSignal): Promise<void> {
    const stderr: Buffer[] = [];
    const code = await this.driver.exec(this.containerId, {
      cmd: ['mkdir', '-p', dir],
      user: '0',
      stderr: (c) => stderr.push(c),
      ...(signal ? { signal } : {}),
    });
    if (code !== 0)
      throw new Error(`cannot create ${dir} in the container: ${Buffer.concat(stderr).toString().trim()}`);
  }

  private async fixOwner(path: string, signal?: AbortSignal): Promise<void> {
    if (!this.options.fixUploadOwner || !this.options.execUser) return;
    const code = await this.driver.exec(this.containerId, {
      cmd: ['chown', '-R', this.options.execUser, path],
      user: '0',
      ...(signal ? { signal } : {}),
    });
    if (code !== 0) throw new Error(`cannot give ${path} to ${this.options.execUser} (fix_upload_owner)`);
  }
}
