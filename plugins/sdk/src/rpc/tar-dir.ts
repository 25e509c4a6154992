import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { excluder } from '../exclude.js';
import { writeFileAtomic } from '../transfer/atomic-file.js';
import { forEachTarEntry } from '../transfer/tar-entries.js';

/**
 * Packs the contents of a directory as a tar stream (entry names relative to
 * it). `exclude` takes glob patterns (`*`, `?`, `**`) matched against each
 * entry's relative path and its base name; a matched directory is skipped whole.
 */
export function packDir(dir: string, exclude: readonly string[] = []): Readable {
  const out = new PassThrough();
  import('tar-stream').then(
    (tar) => {
      const pack = tar.pack();
      (pack as unknown as Readable).pipe(out);
      pack.on('error', (e: Error) => out.destroy(e));
      fill(pack, dir, exclude);
    },
    (e) => out.destroy(e),
  );
  return out;
}

function fill(pack: import('tar-stream').Pack, dir: string, exclude: readonly string[]): void {
  const excluded = excluder(exclude);
  const walk = async (abs: string): Promise<void> => {
    for (const name of (await readdir(abs)).sort()) {
      const path = join(abs, name);
      const rel = relative(dir, path).split(sep).join('/');
      if (excluded(rel)) continue;
      const st = await lstat(path);
      const header = { name: rel, mode: st.mode & 0o7777, mtime: st.mtime };
      if (st.isDirectory()) {
        pack.entry({ ...header, type: 'directory' });
        await walk(path);
      } else if (st.isSymbolicLink()) {
        pack.entry({ ...header, type: 'symlink', linkname: await readlink(path) });
      } else if (st.isFile()) {
        const entry = pack.entry({ ...header, type: 'file', size: st.size });
        await pipeline(createReadStream(path), entry);
      }
    }
  };
  walk(dir).then(
    () => pack.finalize(),
    (e) => pack.destroy(e),
  );
}

/**
 * Extracts a tar stream into a directory (created if missing); refuses
 * entries that escape it. Each file is written under a temporary name and
 * renamed into place with its exact mode.
 */
export async function extractTar(source: Readable, dir: string, signal?: AbortSignal): Promise<void> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  await forEachTarEntry(
    source,
    async (header, entry) => {
      const target = resolve(root, header.name);
      if (target !== root && !target.startsWith(root + sep)) {
        throw new Error(`tar entry ${JSON.stringify(header.name)} points outside the destination`);
      }
      const mode = header.mode ?? undefined;
      switch (header.type) {
        case 'directory':
          await mkdir(target, { recursive: true, ...(mode ? { mode } : {}) });
          entry.resume();
          break;
        case 'symlink':
          await mkdir(dirname(target), { recursive: true });
          await symlink(header.linkname ?? '', target);
          entry.resume();
          break;
        case 'file':
        case 'contiguous-file':
          await mkdir(dirname(target), { recursive: true });
          await writeFileAtomic(target, entry, { mode: mode ?? 0o644, size: header.size ?? 0 });
          break;
        default:
          entry.resume();
      }
    },
    signal,
  );
}
