import { createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, rm, symlink } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { excluder } from '@kiln/plugin-sdk';
import tar from 'tar-stream';

/**
 * Extracts a tar stream (as the Engine's GET archive returns it: everything
 * under the source's own name) into a local directory, dropping the first
 * path component. Keeps modes and symlinks; refuses entries that escape.
 */
export async function extractInto(tarStream: Readable, destDir: string, exclude?: string[]): Promise<void> {
  const extract = tar.extract();
  const skip = excluder(exclude);
  const dirModes: [string, number][] = [];
  await mkdir(destDir, { recursive: true });
  tarStream.on('error', (e) => extract.destroy(e));
  tarStream.pipe(extract as unknown as Writable);
  for await (const entry of extract) {
    const rel = stripFirst(entry.header.name);
    const target = rel === '' ? destDir : safeJoin(destDir, rel);
    const mode = (entry.header.mode ?? 0o644) & 0o7777;
    if (rel !== '' && skip(rel)) {
      entry.resume();
      continue;
    }
    switch (entry.header.type) {
      case 'directory':
        await mkdir(target, { recursive: true, mode: 0o700 });
        dirModes.push([target, mode]);
        entry.resume();
        break;
      case 'symlink':
        await removeIfPresent(target);
        await symlink(entry.header.linkname ?? '', target);
        entry.resume();
        break;
      case 'file':
      case 'contiguous-file':
        await removeIfPresent(target);
        await pipeline(entry, createWriteStream(target, { mode: 0o600, highWaterMark: 1 << 20 }));
        await chmod(target, mode);
        break;
      default:
        entry.resume();
    }
  }
  for (const [dir, mode] of dirModes.reverse()) await chmod(dir, mode);
}

/**
 * Writes the first regular file of a tar stream into `destination`. When the
 * archive holds a symlink instead, resolves with its target (nothing written).
 */
export async function extractSingleFile(
  tarStream: Readable,
  destination: Writable,
  source: string,
): Promise<{ symlink?: string }> {
  const extract = tar.extract();
  tarStream.on('error', (e) => extract.destroy(e));
  tarStream.pipe(extract as unknown as Writable);
  let found = false;
  let link: string | undefined;
  for await (const entry of extract) {
    const type = entry.header.type;
    if (!found && link === undefined && (type === 'file' || type === 'contiguous-file')) {
      found = true;
      await pipeline(entry, destination, { end: true });
    } else {
      if (!found && link === undefined && type === 'symlink') link = entry.header.linkname ?? '';
      entry.resume();
    }
  }
  if (link !== undefined) return { symlink: link };
  if (!found) throw new Error(`${source} is not a regular file in the container`);
  return {};
}

function stripFirst(name: string): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  return parts.slice(1).join('/');
}

function safeJoin(root: string, rel: string): string {
  const n = normalize(rel);
  if (isAbsolute(n) || n === '..' || n.startsWith(`..${sep}`)) {
    throw new Error(`archive entry "${rel}" escapes the destination`);
  }
  return join(root, n);
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    const st = await lstat(path);
    if (!st.isDirectory()) await rm(path, { force: true });
  } catch {}
}
