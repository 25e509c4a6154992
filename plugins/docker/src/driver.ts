import type { Readable } from 'node:stream';

/** Credentials for one registry (Engine API X-Registry-Auth). */
export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

/** A container to create, already translated from `run_command` and the builder's options. */
export interface ContainerSpec {
  image: string;
  entrypoint?: string[];
  cmd: string[];
  env: string[];
  labels: Record<string, string>;
  binds: string[];
  tty: boolean;
  openStdin: boolean;
  user?: string;
  workingDir?: string;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  tmpfs: Record<string, string>;
  devices: { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }[];
  platform?: string;
  runtime?: string;
  networkMode?: string;
  hostname?: string;
}

/** What commit records besides the container's filesystem. */
export interface CommitOptions {
  author?: string;
  message?: string;
  /** Dockerfile-style instructions (CMD, ENV, ...), applied over `config`. */
  changes: string[];
  /** The image configuration to start from (before changes): keeps the base's ENTRYPOINT and CMD. */
  config?: { Entrypoint?: string[]; Cmd?: string[]; Labels?: Record<string, string> };
}

/** A running exec's output and its exit status. */
export interface ExecOptions {
  cmd: string[];
  user?: string;
  stdin?: Readable;
  stdout?: (chunk: Buffer) => void;
  stderr?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

/** One progress event of a pull or push, as the engine reports it. */
export interface TransferEvent {
  id?: string;
  status?: string;
  current?: number;
  total?: number;
}

/** The parts of an image's configuration the builder cares about. */
export interface ImageInfo {
  id: string;
  entrypoint: string[] | null;
  cmd: string[] | null;
  repoTags: string[];
  repoDigests: string[];
  labels: Record<string, string>;
  /** Bytes of every layer, the base's included. */
  size?: number;
}

/**
 * Everything the docker plugin asks of the engine. One real implementation
 * (Engine API over dockerode) and fakes in tests.
 */
export interface DockerDriver {
  pull(
    image: string,
    opts: {
      auth?: RegistryAuth;
      platform?: string;
      signal?: AbortSignal;
      onEvent?: (e: TransferEvent) => void;
    },
  ): Promise<void>;
  inspectImage(image: string): Promise<ImageInfo | undefined>;
  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(id: string): Promise<void>;
  containerIp(id: string): Promise<string>;
  /** Kills and removes the container (with its anonymous volumes); absent is fine. */
  removeContainer(id: string): Promise<void>;
  commit(id: string, opts: CommitOptions): Promise<string>;
  exportContainer(id: string, signal?: AbortSignal): Promise<Readable>;
  exec(id: string, opts: ExecOptions): Promise<number>;
  putArchive(id: string, dir: string, tar: Readable, signal?: AbortSignal): Promise<void>;
  getArchive(id: string, path: string, signal?: AbortSignal): Promise<Readable>;
  /** Whether a path exists in the container (the archive API's HEAD: no process is started). */
  pathExists(id: string, path: string, signal?: AbortSignal): Promise<boolean>;
  tag(image: string, repository: string, tag: string | undefined, force: boolean): Promise<void>;
  push(
    ref: string,
    opts: { auth?: RegistryAuth; signal?: AbortSignal; onEvent?: (e: TransferEvent) => void },
  ): Promise<string | undefined>;
  removeImage(image: string, force?: boolean): Promise<void>;
  saveImages(refs: string[], signal?: AbortSignal): Promise<Readable>;
  importImage(
    tar: Readable,
    opts: { repository?: string; tag?: string; changes: string[]; platform?: string; message?: string },
  ): Promise<string>;
}
