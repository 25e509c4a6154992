import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import type { FileEntry, OutputEvent, OutputSink, PodFilesEvent } from '../../ui/events.js';
import type { Executor } from '../executor.js';
import { SKIPPED_DIRS } from './run-payload.js';

/** Raw bytes per `part` event: its base64 line stays under the container runtime's 16 KiB log line. */
export const PART_BYTES = 8 * 1024;
/** Files whose sizes add up to more than this many times the limit are not even compressed. */
const MAX_RATIO = 64;

/** A file under the build's directory and its content's digest. */
export interface FileState extends FileStat {
  sha256: string;
}

/** What the pod gets in KILN_POD_FILES: the build's directory and the most its files may pack to. */
export interface PodFilesSetting {
  dir: string;
  maxBytes: number;
}

/** The environment variable that turns {@link returningFiles} on in a build's pod (JSON {@link PodFilesSetting}). */
export const POD_FILES_ENV = 'KILN_POD_FILES';

/** KILN_POD_FILES's setting, or undefined when it is not (or not validly) set. */
export function podFilesSetting(env: NodeJS.ProcessEnv): PodFilesSetting | undefined {
  const text = env[POD_FILES_ENV];
  if (!text) return undefined;
  try {
    const s = JSON.parse(text) as Partial<PodFilesSetting>;
    return typeof s.dir === 'string' && typeof s.maxBytes === 'number' && s.maxBytes >= 0
      ? { dir: s.dir, maxBytes: s.maxBytes }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A regular file under the build's directory: where, how big, its mode. */
export interface FileStat extends FileEntry {
  mode: number;
}

/**
 * The regular files under `dir` (symbolic links and special files left out,
 * as are `.git`, `node_modules` and `packer_cache`), by '/'-separated
 * relative path, sorted.
 */
export async function listFiles(dir: string): Promise<FileStat[]> {
  const out: FileStat[] = [];
  const visit = async (prefix: string): Promise<void> => {
    const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await visit(rel);
        continue;
      }
      if (!e.isFile()) continue;
      const st = await lstat(join(dir, rel)).catch(() => undefined);
      if (st?.isFile()) out.push({ path: rel, size: st.size, mode: st.mode & 0o777 });
    }
  };
  await visit('');
  return out;
}

/** The files under `dir` ({@link listFiles}) with their content's digest: what the build starts from. */
export async function snapshot(dir: string): Promise<Map<string, FileState>> {
  const out = new Map<string, FileState>();
  for (const f of await listFiles(dir)) {
    const sha256 = await digest(join(dir, f.path)).catch(() => undefined);
    if (sha256 !== undefined) out.set(f.path, { ...f, sha256 });
  }
  return out;
}

async function digest(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * The files under `dir` that are not in `before`, or whose content or mode
 * changed since. Only files that were there before are read (new ones, a
 * disk image for instance, are not).
 */
export async function changedFiles(dir: string, before: Map<string, FileState>): Promise<FileStat[]> {
  const changed: FileStat[] = [];
  for (const f of await listFiles(dir)) {
    const was = before.get(f.path);
    if (!was || was.size !== f.size || was.mode !== f.mode) changed.push(f);
    else if ((await digest(join(dir, f.path)).catch(() => '')) !== was.sha256) changed.push(f);
  }
  return changed;
}

/**
 * `files` (under `dir`) as a gzipped tar, or undefined when it would be
 * larger than `maxBytes`: compression stops as soon as it is, and does not
 * start when the files add up to more than {@link MAX_RATIO} times it.
 */
export async function packFiles(
  dir: string,
  files: FileEntry[],
  maxBytes: number,
): Promise<Buffer | undefined> {
  if (files.reduce((n, f) => n + f.size, 0) > maxBytes * MAX_RATIO) return undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  const over = new Error('over');
  const collect = new Writable({
    write(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > maxBytes) return done(over);
      chunks.push(chunk);
      done();
    },
  });
  const tar = pack();
  const written = pipeline(tar, createGzip(), collect);
  // An entry never finishes once the archive's stream failed: wait for either.
  const broken = written.then(() => {
    throw new Error('the archive ended early');
  });
  broken.catch(() => undefined);
  try {
    for (const f of files) {
      const path = join(dir, f.path);
      const st = await lstat(path);
      const header = { name: f.path, size: st.size, mode: st.mode & 0o777, mtime: st.mtime };
      if (st.size === 0) {
        await Promise.race([new Promise((resolve) => tar.entry(header, Buffer.alloc(0), resolve)), broken]);
        continue;
      }
      const source = createReadStream(path, { end: st.size - 1 });
      try {
        await Promise.race([pipeline(source, tar.entry(header)), broken]);
      } finally {
        source.destroy();
      }
    }
    tar.finalize();
    await written;
  } catch (e) {
    tar.destroy();
    await written.catch(() => undefined);
    if (e === over || total > maxBytes) return undefined;
    throw e;
  }
  return Buffer.concat(chunks);
}

/** The `pod-files` events that carry `archive` (the files `files`), or say they did not fit. */
export function podFileEvents(
  build: string,
  files: FileEntry[],
  archive: Buffer | undefined,
  maxBytes: number,
): PodFilesEvent[] {
  const named = listed(files);
  if (!archive) return [{ type: 'pod-files', build, kind: 'over', maxBytes, ...named }];
  const events: PodFilesEvent[] = [];
  for (let at = 0; at < archive.length; at += PART_BYTES)
    events.push({
      type: 'pod-files',
      build,
      kind: 'part',
      part: events.length,
      data: archive.subarray(at, at + PART_BYTES).toString('base64'),
    });
  events.push({
    type: 'pod-files',
    build,
    kind: 'end',
    parts: events.length,
    bytes: archive.length,
    sha256: createHash('sha256').update(archive).digest('hex'),
    ...named,
  });
  return events;
}

/** Names per event at most: every event is one line of the pod's log, which the runtime splits past 16 KiB. */
const LIST_CHARS = 8 * 1024;

/** As many of `files` as a log line holds, and how many more there are. */
function listed(files: FileEntry[]): { files: FileEntry[]; more?: number } {
  let chars = 0;
  const named = files.filter((f) => {
    chars += f.path.length + 24;
    return chars <= LIST_CHARS;
  });
  return named.length === files.length ? { files } : { files: named, more: files.length - named.length };
}

/**
 * In a build's pod: runs `inner` and then sends back, as `pod-files` events
 * before the run's summary, the files the build created or changed under
 * the build's directory (the template's directory as the pod unpacked it).
 * Nothing is sent for an interrupted run.
 */
export function returningFiles(inner: Executor, setting: PodFilesSetting): Executor {
  return {
    name: inner.name,
    async execute(request) {
      const before = await snapshot(setting.dir);
      let summary: OutputEvent | undefined;
      const sink: OutputSink = {
        emit: (e) => {
          if (e.type === 'summary') summary = e;
          else request.sink.emit(e);
        },
        ask: (build, question) => request.sink.ask(build, question),
      };
      try {
        const outcome = await inner.execute({ ...request, sink });
        const build = request.builds.map((b) => b.plan.name).join(',');
        if (!outcome.interrupted) {
          try {
            const files = (await changedFiles(setting.dir, before)).map(({ path, size }) => ({ path, size }));
            if (files.length > 0) {
              const archive = await packFiles(setting.dir, files, setting.maxBytes);
              for (const e of podFileEvents(build, files, archive, setting.maxBytes)) request.sink.emit(e);
            }
          } catch (e) {
            request.sink.emit({
              type: 'ui',
              build,
              level: 'error',
              text: `Could not pack the files the build wrote to send them back: ${(e as Error).message}`,
            });
          }
        }
        return outcome;
      } finally {
        if (summary) request.sink.emit(summary);
      }
    },
  };
}
