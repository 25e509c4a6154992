import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import {
  type BuildContext,
  type Communicator,
  type ConfigSchema,
  openFileAtomic,
  type PreparedProvisioner,
  type ProvisionContext,
  type Provisioner,
  type Ui,
} from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';
import { requireCommunicator } from './remote-run.js';

/** The decoded body of a `file` provisioner. */
export interface FileProvisionerConfig {
  source?: string;
  sources?: string[];
  content?: string;
  destination: string;
  direction: string;
  generated: boolean;
}

/** Schema of the `file` provisioner. */
export const fileProvisionerSchema: ConfigSchema = {
  description: 'Uploads files and directories to the machine, or downloads them from it.',
  attributes: {
    source: {
      type: 'string',
      description:
        'Local file or directory (remote, when downloading). "dir" copies the directory, "dir/" its contents.',
    },
    sources: { type: 'list(string)', description: 'Several sources, all copied into destination.' },
    content: { type: 'string', description: 'Text to write to destination instead of a source file.' },
    destination: {
      type: 'string',
      required: true,
      description: 'Where to put it; end with "/" to copy into a directory keeping the source name.',
    },
    direction: { type: 'string', default: 'upload', description: '"upload" (default) or "download".' },
    generated: {
      type: 'bool',
      default: false,
      description: 'The source is made during the build: check that it exists only when uploading.',
    },
  },
};

/** The `file` provisioner. */
export const fileProvisioner: Provisioner = {
  schema: fileProvisionerSchema,
  description: fileProvisionerSchema.description,
  async prepare(raw, _build: BuildContext) {
    const { cfg, diags } = decodeBuiltin<FileProvisionerConfig>(fileProvisionerSchema, raw);
    if (cfg.direction !== 'upload' && cfg.direction !== 'download')
      diags.error('Direction must be one of: download, upload.', ['direction']);
    const sources: { path: string; at: (string | number)[] }[] = [
      ...(cfg.sources ?? []).map((p, i) => ({ path: p, at: ['sources', i] })),
      ...(cfg.source ? [{ path: cfg.source, at: ['source'] }] : []),
    ];
    const hasContent = cfg.content !== undefined;
    if (hasContent && sources.length > 0)
      diags.error('Only one of source, sources or content can be specified.', ['content']);
    if (hasContent && cfg.direction === 'download') diags.error('content can only be uploaded.', ['content']);
    if (!hasContent && sources.length === 0) diags.error('Source must be specified.');
    if (cfg.direction === 'upload' && !cfg.generated) {
      for (const s of sources)
        if (!existsSync(s.path)) diags.error(`Bad source '${s.path}': no such file or directory`, s.at);
    }
    if (cfg.destination === '') diags.error('Destination must be specified.', ['destination']);
    diags.throwIfErrors();
    return new FileRun(
      cfg,
      sources.map((s) => s.path),
    );
  },
};

class FileRun implements PreparedProvisioner {
  constructor(
    private readonly cfg: FileProvisionerConfig,
    private readonly sources: string[],
  ) {}

  async provision(ctx: ProvisionContext): Promise<void> {
    const comm = requireCommunicator(ctx, 'file');
    if (this.cfg.direction === 'download') return this.#download(comm, ctx);
    return this.#upload(comm, ctx);
  }

  async #upload(comm: Communicator, { ui, signal }: ProvisionContext): Promise<void> {
    const dst = this.cfg.destination;
    if (this.cfg.content !== undefined) {
      ui.say(`Uploading content => ${dst}`);
      const body = Buffer.from(this.cfg.content);
      await comm.upload(dst, Readable.from([body]), { size: body.length }, signal);
      return;
    }
    for (const src of this.sources) {
      ui.say(`Uploading ${src} => ${dst}`);
      const info = await stat(src).catch(() => {
        throw new Error(`Upload failed: ${src} does not exist`);
      });
      try {
        if (info.isDirectory()) {
          const target = src.endsWith('/') ? dst : join(dst, basename(src));
          await comm.uploadDir(target, src, undefined, signal);
          continue;
        }
        const fileDst = dst.endsWith('/') ? dst + basename(src) : dst;
        const stream = createReadStream(src);
        const progress = trackProgress(stream, ui, basename(src), info.size);
        try {
          await comm.upload(fileDst, stream, { mode: info.mode & 0o7777, size: info.size }, signal);
          progress.done();
        } finally {
          progress.stop();
          stream.destroy();
        }
      } catch (err) {
        ui.error(`Upload failed: ${(err as Error).message}`);
        throw err;
      }
    }
  }

  async #download(comm: Communicator, { ui, signal }: ProvisionContext): Promise<void> {
    for (const src of this.sources) {
      let dst = this.cfg.destination;
      ui.say(`Downloading ${src} => ${dst}`);
      let dir = dst;
      if (!dst.endsWith('/')) dir = dirname(dst);
      else if (!src.endsWith('/') && !src.endsWith('*')) dst = join(dst, basename(src));
      if (dir !== '') await mkdir(dir, { recursive: true });
      try {
        if (src.endsWith('/') || /[*?[]/.test(src)) {
          await comm.downloadDir(src, dst, undefined, signal);
          continue;
        }
        const file = openFileAtomic(dst, { mode: 0o644 });
        try {
          await comm.download(src, file.stream, signal);
        } catch (err) {
          await file.discard();
          throw err;
        }
        await file.commit();
      } catch (err) {
        ui.error(`Download failed: ${(err as Error).message}`);
        throw err;
      }
    }
  }
}

/**
 * Reports an upload's progress from the bytes the file stream has read,
 * polled: listening for 'data' would switch the stream to flowing mode and
 * hand its first chunks to the listener alone, before the communicator has
 * started reading (an upload that resolved with an empty file under load).
 */
function trackProgress(
  stream: ReadStream,
  ui: Ui,
  label: string,
  total: number,
): { done(): void; stop(): void } {
  const id = `file-${label}-${Date.now()}`;
  let last = -1;
  const report = () => {
    if (stream.bytesRead === last) return;
    last = stream.bytesRead;
    ui.progress({ id, label, current: last, total });
  };
  const timer = setInterval(report, 250);
  timer.unref();
  return {
    done: () => ui.progress({ id, label, current: total, total, done: true }),
    stop: () => clearInterval(timer),
  };
}
