import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { withFileLock } from '../../builtin/shared/file-lock.js';
import type { FileEntry } from '../../ui/events.js';
import { asManifest, manifestText, mergeManifest } from './manifest-merge.js';

/** Manifest files larger than this are not looked at as manifests. */
const MANIFEST_MAX = 8 * 1024 * 1024;

/**
 * Why `name` (a path from a build's pod) cannot be written under the
 * template's directory, or undefined when it can: it must be relative,
 * '/'-separated, without `.` or `..` parts.
 */
export function badPath(name: string): string | undefined {
  if (name === '' || name.includes('\0')) return 'an empty or invalid name';
  if (name.startsWith('/') || isAbsolute(name) || /^[a-zA-Z]:/.test(name)) return 'an absolute path';
  if (name.includes('\\')) return 'a backslash in the name';
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return 'a ".." part leaving the directory';
  if (parts.some((p) => p === '' || p === '.')) return 'an empty or "." part';
  return undefined;
}

/**
 * Where `name` goes under `root` (both checked): a path inside `root`
 * whose existing directories, symbolic links resolved, are inside `root`
 * too. Throws with the reason otherwise.
 */
export async function destinationOf(root: string, name: string): Promise<string> {
  const bad = badPath(name);
  if (bad) throw new Error(bad);
  const realRoot = await realpath(root);
  const dest = join(realRoot, ...name.split('/'));
  // The deepest directory of the path that exists already must resolve inside the root.
  let dir = dirname(dest);
  for (;;) {
    const st = await lstat(dir).catch(() => undefined);
    if (st) break;
    dir = dirname(dir);
  }
  const real = await realpath(dir);
  const rel = relative(realRoot, real);
  if (rel !== '' && (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)))
    throw new Error(`a symbolic link leading out of the directory (${relative(realRoot, dir)} -> ${real})`);
  if (!(await stat(dir)).isDirectory()) throw new Error(`${relative(realRoot, dir)} is not a directory here`);
  const existing = await lstat(dest).catch(() => undefined);
  if (existing?.isDirectory()) throw new Error('a directory of that name is here');
  return dest;
}

/** One file of an archive from a pod, written to a temporary file beside its destination. */
interface Staged {
  name: string;
  dest: string;
  temp: string;
  size: number;
}

/** What came back of one build: the files written, and why others were not. */
export interface Returned {
  written: FileEntry[];
  warnings: string[];
}

/**
 * The files that come back from a run's pods, written under the template's
 * directory at the same relative paths: each atomically (a temporary name
 * beside it, then renamed) with its mode. A `manifest` post-processor's file
 * is merged into the one here as the post-processor merges ({@link
 * mergeManifest}); any other file two builds both sent is the last one's,
 * with a warning naming them.
 */
export class FileReturn {
  readonly #writers = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly force: boolean,
  ) {}

  /** Unpacks a build's archive (a gzipped tar) here. */
  async bringBack(build: string, archive: Buffer): Promise<Returned> {
    const warnings: string[] = [];
    const staged: Staged[] = [];
    try {
      await this.#unpack(archive, staged, warnings);
      const written: FileEntry[] = [];
      for (const s of staged) {
        const done = await this.#place(build, s, warnings).catch((e: Error) => {
          warnings.push(`${s.name} was not written: ${e.message}`);
          return false;
        });
        if (done) written.push({ path: s.name, size: s.size });
      }
      return { written, warnings };
    } finally {
      await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    }
  }

  async #unpack(archive: Buffer, staged: Staged[], warnings: string[]): Promise<void> {
    const x = extract();
    x.on('entry', (header, stream, next) => {
      const skip = (why: string) => {
        warnings.push(`${header.name} was not written: ${why}`);
        stream.resume();
        stream.on('end', next);
      };
      if (header.type !== 'file') return skip(`a ${header.type} entry (only files come back)`);
      const name = header.name;
      void (async () => {
        let dest: string;
        try {
          dest = await destinationOf(this.root, name);
          await mkdir(dirname(dest), { recursive: true });
          // The directories just made must still be inside (a link could have appeared meanwhile).
          await destinationOf(this.root, name);
        } catch (e) {
          return skip((e as Error).message);
        }
        const temp = join(dirname(dest), `.${basename(dest)}.kiln-${randomBytes(4).toString('hex')}.tmp`);
        staged.push({ name, dest, temp, size: header.size ?? 0 });
        try {
          await pipeline(stream, createWriteStream(temp, { mode: 0o600 }));
          await chmod(temp, (header.mode ?? 0o644) & 0o777);
          next();
        } catch (e) {
          next(e as Error);
        }
      })();
    });
    await pipeline(Readable.from([archive]), createGunzip(), x);
  }

  async #place(build: string, s: Staged, warnings: string[]): Promise<boolean> {
    if (s.size <= MANIFEST_MAX) {
      const incoming = asManifest(await readFile(s.temp, 'utf8'));
      if (incoming) {
        await withFileLock(s.dest, async () => {
          const here = await readFile(s.dest, 'utf8').catch(() => '');
          const merged = mergeManifest(asManifest(here), incoming, this.force);
          const temp = `${s.temp}.merged`;
          try {
            await writeText(temp, manifestText(merged), (await stat(s.temp)).mode & 0o777);
            await rename(temp, s.dest);
          } finally {
            await rm(temp, { force: true });
          }
        });
        this.#writers.set(s.name, build);
        return true;
      }
    }
    const before = this.#writers.get(s.name);
    if (before !== undefined && before !== build)
      warnings.push(
        `${s.name} came back from both ${before} and ${build}: it is ${build}'s, the last to come back`,
      );
    this.#writers.set(s.name, build);
    await rename(s.temp, s.dest);
    return true;
  }
}

async function writeText(path: string, text: string, mode: number): Promise<void> {
  await writeFile(path, text, { mode });
  await chmod(path, mode);
}
