import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { excluder } from '@kiln/plugin-sdk';
import tar from 'tar-stream';

/**
 * Streams the contents of a local directory as a tar archive (entry names
 * relative to it), keeping modes and symlinks; file contents are streamed,
 * never held whole. Owners are written as root (0:0).
 */
export function packDirectory(dir: string, exclude?: string[]): Readable {
  const pack = tar.pack();
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const skip = excluder(exclude);
  const walk = async (abs: string, rel: string): Promise<void> => {
    const entries = await readdir(abs, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (skip(relPath)) continue;
      const p = join(abs, e.name);
      const st = await lstat(p);
      const base = { name: relPath, mode: st.mode & 0o7777, mtime: st.mtime, uid: 0, gid: 0 };
      if (st.isSymbolicLink()) {
        await addEntry(pack, { ...base, type: 'symlink', linkname: await readlink(p) });
      } else if (st.isDirectory()) {
        await addEntry(pack, { ...base, type: 'directory' });
        await walk(p, relPath);
      } else if (st.isFile()) {
        const entry = pack.entry({ ...base, type: 'file', size: st.size });
        await pipeline(createReadStream(p, { highWaterMark: 1 << 20 }), entry);
      }
    }
  };
  walk(dir, '')
    .then(() => pack.finalize())
    .catch((error: unknown) => pack.destroy(error as Error));
  pack.on('error', (error: Error) => out.destroy(error));
  pack.pipe(out);
  return out;
}

/** Streams one file as a one-entry tar archive. `size` must be exact. */
export function packFile(name: string, source: Readable, size: number, mode: number): Readable {
  const pack = tar.pack();
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const entry = pack.entry({ name, size, mode, type: 'file', uid: 0, gid: 0, mtime: new Date() });
  pipeline(source, entry)
    .then(() => pack.finalize())
    .catch((error: unknown) => pack.destroy(error as Error));
  pack.on('error', (error: Error) => out.destroy(error));
  pack.pipe(out);
  return out;
}

function addEntry(pack: tar.Pack, header: Parameters<tar.Pack['entry']>[0]): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry(header, (error) => (error ? reject(error) : resolve()));
  });
}
