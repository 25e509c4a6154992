import { PassThrough, Readable } from 'node:stream';
import type {
  CommitOptions,
  ContainerSpec,
  DockerDriver,
  ExecOptions,
  ImageInfo,
  TransferEvent,
} from './driver.js';

/** One call the fake driver saw. */
export interface DriverCall {
  method: keyof DockerDriver;
  args: unknown[];
}

/**
 * An in-memory engine for step tests: records every call, keeps a set of
 * images and containers, and can be told to fail a method.
 */
export class FakeDriver implements DockerDriver {
  readonly calls: DriverCall[] = [];
  readonly images = new Map<string, ImageInfo>();
  readonly containers = new Map<string, { spec: ContainerSpec; running: boolean }>();
  readonly failures = new Map<keyof DockerDriver, Error>();
  execExitCode = 0;
  private next = 0;

  constructor(images: string[] = ['base:latest']) {
    for (const i of images) this.addImage(i, { entrypoint: null, cmd: ['/bin/sh'] });
  }

  addImage(ref: string, config: { entrypoint: string[] | null; cmd: string[] | null }): void {
    this.images.set(ref, {
      id: `sha256:${'0'.repeat(63)}${this.images.size}`,
      repoTags: [ref],
      repoDigests: [],
      labels: {},
      ...config,
    });
  }

  names(): string[] {
    return this.calls.map((c) => c.method);
  }

  private record(method: keyof DockerDriver, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.failures.get(method);
    if (failure) throw failure;
  }

  async pull(image: string, opts: { onEvent?: (e: TransferEvent) => void }): Promise<void> {
    this.record('pull', image, opts);
    opts.onEvent?.({ id: 'layer', status: 'Downloading', current: 5, total: 10 });
    if (!this.images.has(image)) this.addImage(image, { entrypoint: null, cmd: null });
  }
  async inspectImage(image: string): Promise<ImageInfo | undefined> {
    this.record('inspectImage', image);
    return this.images.get(image);
  }
  async createContainer(spec: ContainerSpec): Promise<string> {
    this.record('createContainer', spec);
    const id = `c${++this.next}`;
    this.containers.set(id, { spec, running: false });
    return id;
  }
  async startContainer(id: string): Promise<void> {
    this.record('startContainer', id);
    const c = this.containers.get(id);
    if (c) c.running = true;
  }
  async containerIp(id: string): Promise<string> {
    this.record('containerIp', id);
    return '172.17.0.9';
  }
  async removeContainer(id: string): Promise<void> {
    this.record('removeContainer', id);
    this.containers.delete(id);
  }
  async commit(id: string, opts: CommitOptions): Promise<string> {
    this.record('commit', id, opts);
    const ref = `sha256:${'c'.repeat(64)}`;
    this.images.set(ref, {
      id: ref,
      entrypoint: opts.config?.Entrypoint ?? null,
      cmd: opts.config?.Cmd ?? null,
      repoTags: [],
      repoDigests: [],
      labels: {},
    });
    return ref;
  }
  async exportContainer(id: string): Promise<Readable> {
    this.record('exportContainer', id);
    return Readable.from([Buffer.from('tar bytes')]);
  }
  async exec(id: string, opts: ExecOptions): Promise<number> {
    this.record('exec', id, opts);
    return this.execExitCode;
  }
  async putArchive(id: string, dir: string, tar: Readable): Promise<void> {
    this.record('putArchive', id, dir);
    tar.resume();
  }
  async getArchive(id: string, path: string): Promise<Readable> {
    this.record('getArchive', id, path);
    const s = new PassThrough();
    s.end();
    return s;
  }
  async pathExists(id: string, path: string): Promise<boolean> {
    this.record('pathExists', id, path);
    return true;
  }
  async tag(image: string, repository: string, tag: string | undefined, force: boolean): Promise<void> {
    this.record('tag', image, repository, tag, force);
  }
  async push(ref: string): Promise<string | undefined> {
    this.record('push', ref);
    return `sha256:${'d'.repeat(64)}`;
  }
  async removeImage(image: string): Promise<void> {
    this.record('removeImage', image);
    this.images.delete(image);
  }
  async saveImages(refs: string[]): Promise<Readable> {
    this.record('saveImages', refs);
    return Readable.from([Buffer.from('saved')]);
  }
  async importImage(
    tar: Readable,
    opts: { repository?: string; tag?: string; changes: string[] },
  ): Promise<string> {
    this.record('importImage', opts);
    tar.resume();
    return `sha256:${'e'.repeat(64)}`;
  }
}
