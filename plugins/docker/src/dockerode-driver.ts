import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { execInContainer } from './dockerode-exec.js';
import { followProgress, loadDockerode, statusOf } from './dockerode-support.js';
import type {
  CommitOptions,
  ContainerSpec,
  DockerDriver,
  ExecOptions,
  ImageInfo,
  RegistryAuth,
  TransferEvent,
} from './driver.js';

export { statusOf };

/** The real driver: the Docker Engine API through dockerode (DOCKER_HOST or the local socket). */
export class DockerodeDriver implements DockerDriver {
  readonly docker: Docker;

  constructor(docker?: Docker) {
    this.docker = docker ?? new (loadDockerode())();
  }

  async pull(
    image: string,
    opts: {
      auth?: RegistryAuth;
      platform?: string;
      signal?: AbortSignal;
      onEvent?: (e: TransferEvent) => void;
    },
  ): Promise<void> {
    const stream = (await this.docker.pull(image, {
      ...(opts.auth ? { authconfig: opts.auth } : {}),
      ...(opts.platform ? { platform: opts.platform } : {}),
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    })) as Readable;
    await this.follow(stream, opts.onEvent);
  }

  async inspectImage(image: string): Promise<ImageInfo | undefined> {
    try {
      const info = await this.docker.getImage(image).inspect();
      return {
        id: info.Id,
        entrypoint: (info.Config?.Entrypoint as string[] | null | undefined) ?? null,
        cmd: (info.Config?.Cmd as string[] | null | undefined) ?? null,
        repoTags: info.RepoTags ?? [],
        repoDigests: info.RepoDigests ?? [],
        labels: (info.Config?.Labels as Record<string, string> | null | undefined) ?? {},
        size: info.Size ?? 0,
      };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    const container = await this.docker.createContainer({
      Image: spec.image,
      ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
      Cmd: spec.cmd,
      Env: spec.env,
      Labels: spec.labels,
      Tty: spec.tty,
      OpenStdin: spec.openStdin,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(spec.user ? { User: spec.user } : {}),
      ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
      ...(spec.hostname ? { Hostname: spec.hostname } : {}),
      ...(spec.platform ? { platform: spec.platform } : {}),
      HostConfig: {
        Binds: spec.binds,
        Privileged: spec.privileged,
        CapAdd: spec.capAdd,
        CapDrop: spec.capDrop,
        Tmpfs: spec.tmpfs,
        Devices: spec.devices,
        ...(spec.runtime ? { Runtime: spec.runtime } : {}),
        ...(spec.networkMode ? { NetworkMode: spec.networkMode } : {}),
      },
    });
    return container.id;
  }

  async startContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).start();
  }

  async containerIp(id: string): Promise<string> {
    const info = await this.docker.getContainer(id).inspect();
    const ns = info.NetworkSettings as typeof info.NetworkSettings & { IPAddress?: string };
    if (ns.IPAddress) return ns.IPAddress;
    for (const net of Object.values(ns.Networks ?? {})) if (net.IPAddress) return net.IPAddress;
    return '';
  }

  async removeContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: true, v: true });
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return;
      if (status === 409 && /already in progress/.test(String(error))) return;
      throw error;
    }
  }

  async commit(id: string, opts: CommitOptions): Promise<string> {
    const res = (await this.docker.getContainer(id).commit({
      _query: {
        container: id,
        ...(opts.author ? { author: opts.author } : {}),
        ...(opts.message ? { comment: opts.message } : {}),
        ...(opts.changes.length ? { changes: opts.changes } : {}),
        pause: true,
      },
      _body: opts.config ?? {},
    })) as { Id: string };
    return res.Id;
  }

  async exportContainer(id: string, signal?: AbortSignal): Promise<Readable> {
    return (await this.docker.getContainer(id).export(signal ? { abortSignal: signal } : {})) as Readable;
  }

  exec(id: string, opts: ExecOptions): Promise<number> {
    return execInContainer(this.docker, id, opts);
  }

  async putArchive(id: string, dir: string, tar: Readable, signal?: AbortSignal): Promise<void> {
    await this.docker
      .getContainer(id)
      .putArchive(tar, { path: dir, ...(signal ? { abortSignal: signal } : {}) });
  }

  async getArchive(id: string, path: string, signal?: AbortSignal): Promise<Readable> {
    return (await this.docker
      .getContainer(id)
      .getArchive({ path, ...(signal ? { abortSignal: signal } : {}) })) as unknown as Readable;
  }

  async pathExists(id: string, path: string, signal?: AbortSignal): Promise<boolean> {
    try {
      const res = (await this.docker
        .getContainer(id)
        .infoArchive({ path, ...(signal ? { abortSignal: signal } : {}) })) as unknown as Readable;
      res.resume();
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }

  async tag(image: string, repository: string, tag: string | undefined, force: boolean): Promise<void> {
    await this.docker
      .getImage(image)
      .tag({ repo: repository, ...(tag ? { tag } : {}), ...(force ? { force } : {}) });
  }

  async push(
    ref: string,
    opts: { auth?: RegistryAuth; signal?: AbortSignal; onEvent?: (e: TransferEvent) => void },
  ): Promise<string | undefined> {
    const stream = (await this.docker.getImage(ref).push({
      authconfig: opts.auth ?? {},
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    })) as Readable;
    let digest: string | undefined;
    await this.follow(stream, (e) => {
      const m = /digest: (sha256:[0-9a-f]{64})/.exec(e.status ?? '');
      if (m) digest = m[1];
      opts.onEvent?.(e);
    });
    return digest;
  }

  async removeImage(image: string, force = false): Promise<void> {
    try {
      await this.docker.getImage(image).remove({ force });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  async saveImages(refs: string[], signal?: AbortSignal): Promise<Readable> {
    const res = await new Promise<unknown>((resolve, reject) =>
      this.docker.modem.dial(
        {
          path: '/images/get?',
          options: { names: refs },
          method: 'GET',
          isStream: true,
          ...(signal ? { abortSignal: signal } : {}),
          statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
        } as never,
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data)),
      ),
    );
    return res as unknown as Readable;
  }

  async importImage(
    tar: Readable,
    opts: { repository?: string; tag?: string; changes: string[]; platform?: string; message?: string },
  ): Promise<string> {
    const stream = (await this.docker.importImage(
      tar as never,
      {
        ...(opts.repository ? { repo: opts.repository } : {}),
        ...(opts.tag ? { tag: opts.tag } : {}),
        ...(opts.changes.length ? { changes: opts.changes } : {}),
        ...(opts.platform ? { platform: opts.platform } : {}),
        ...(opts.message ? { message: opts.message } : {}),
      } as never,
    )) as unknown as Readable;
    let id = '';
    await this.follow(stream, (e) => {
      const m = /^(sha256:[0-9a-f]{64})$/.exec(e.status ?? '');
      if (m) id = m[1]!;
    });
    if (!id) throw new Error('the engine did not report the imported image id');
    return id;
  }

  private follow(stream: Readable, onEvent?: (e: TransferEvent) => void): Promise<void> {
    return followProgress(this.docker, stream, onEvent);
  }
}
