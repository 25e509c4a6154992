import { chmod, lstat, mkdir, rm, symlink } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { excluder, forEachTarEntry, writeFileAtomic } from '@kiln/plugin-sdk';

/**
 * Extracts a tar stream (as the Engine's GET archive returns it: everything
 * under the source's own name) into a local directory, dropping the first
 * path component. Keeps modes and symlinks; refuses entries that escape.
 */
export async function extractInto(tarStream: Readable, destDir: string, exclude?: string[]): Promise<void> {
  const skip = excluder(exclude);
  const dirModes: [string, number][] = [];
  await mkdir(destDir, { recursive: true });
  await forEachTarEntry(tarStream, async (header, entry) => {
    const rel = stripFirst(header.name);
    const target = rel === '' ? destDir : safeJoin(destDir, rel);
    const mode = (header.mode ?? 0o644) & 0o7777;
    if (rel !== '' && skip(rel)) {
      entry.resume();
      return;
    }
    switch (header.type) {
      case 'directory':
        await mkdir(target, { recursive: true, mode: 0o700 });
        dirModes.push([target, mode]);
        entry.resume();
        break;
      case 'symlink':
        await removeIfPresent(target);
        await symlink(header.linkname ?? '', target);
        entry.resume();
        break;
      case 'file':
      case 'contiguous-file':
        await writeFileAtomic(target, entry, { mode, size: header.size ?? 0 });
        break;
      default:
        entry.resume();
    }
  });
  for (const [dir, mode] of dirModes.reverse()) await chmod(dir, mode);
}

/**
 * Writes the first regular file of a tar stream into `destination` (ended
 * once its last byte is written). When the archive holds a symlink instead,
 * resolves with its target (nothing written).
 */
export async function extractSingleFile(
  tarStream: Readable,
  destination: Writable,
  source: string,
): Promise<{ symlink?: string }> {
  let found = false;
  let link: string | undefined;
  await forEachTarEntry(tarStream, async (header, entry) => {
    const type = header.type;
    if (!found && link === undefined && (type === 'file' || type === 'contiguous-file')) {
      found = true;
      await pipeline(entry, destination);
    } else {
      if (!found && link === undefined && type === 'symlink') link = header.linkname ?? '';
      entry.resume();
    }
  });
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
