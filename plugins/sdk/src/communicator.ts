import type { Readable, Writable } from 'node:stream';

/** A command to run on the machine being built. */
export interface RemoteCommand {
  command: string;
  /** Fed to the command's stdin, then closed; absent: stdin is closed at once. */
  stdin?: Readable;
  /** Receives stdout chunks as they arrive. */
  stdout?: (chunk: Buffer) => void;
  /** Receives stderr chunks as they arrive. */
  stderr?: (chunk: Buffer) => void;
}

/** Options of a directory transfer. */
export interface DirTransferOptions {
  /** Glob patterns (relative to the directory) to leave out. */
  exclude?: string[];
}

/** Metadata of a file upload. */
export interface FileInfo {
  /** Mode bits (e.g. 0o644); absent: the communicator's default. */
  mode?: number;
  /** Size in bytes, when known (for progress). */
  size?: number;
}

/**
 * How provisioners reach the machine being built: docker exec, SSH, or a proxy
 * to another process's communicator. Every method honours its AbortSignal.
 *
 * Directory semantics: `uploadDir(dst, src)` copies the *contents* of local
 * directory `src` into remote directory `dst` (created with its parents when
 * missing); `downloadDir(src, dst)` is the reverse. The file provisioner maps
 * Packer's trailing-slash rules onto these.
 */
export interface Communicator {
  /** Runs a command; resolves with its exit status (never rejects for a non-zero status). */
  exec(cmd: RemoteCommand, signal?: AbortSignal): Promise<number>;
  /** Uploads a stream to a remote file, creating missing parent directories. */
  upload(destination: string, source: Readable, info?: FileInfo, signal?: AbortSignal): Promise<void>;
  /** Uploads the contents of a local directory into a remote directory. */
  uploadDir(
    destination: string,
    sourceDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Downloads a remote file into a stream. */
  download(source: string, destination: Writable, signal?: AbortSignal): Promise<void>;
  /** Downloads the contents of a remote directory into a local directory. */
  downloadDir(
    source: string,
    destinationDir: string,
    options?: DirTransferOptions,
    signal?: AbortSignal,
  ): Promise<void>;
  /**
   * Optional fast paths for directory transfers as tar streams (the docker
   * communicator's native form); remote adapters use them when present.
   */
  uploadTar?(destination: string, tar: Readable, signal?: AbortSignal): Promise<void>;
  downloadTar?(source: string, signal?: AbortSignal): Promise<Readable>;
}
