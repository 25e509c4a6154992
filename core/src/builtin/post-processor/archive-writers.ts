import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, normalize } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import yazl from 'yazl';

/** Streams `files` as a tar archive (entries named by base name, as Packer) into `out`, optionally gzipped. */
export async function writeTar(
  files: readonly string[],
  target: string,
  gzipLevel: number | undefined,
  signal: AbortSignal,
): Promise<void> {
  const tar = pack();
  const feeding = (async () => {
    for (const file of files) {
      const info = await stat(file);
      if (!info.isFile()) throw new Error(`Unable to read file ${file}: not a regular file`);
      const entry = tar.entry({
        name: basename(file),
        size: info.size,
        mode: info.mode & 0o7777,
        mtime: info.mtime,
      });
      await pipeline(createReadStream(file), entry as unknown as Writable, { signal });
    }
    tar.finalize();
  })();
  feeding.catch((err: Error) => tar.destroy(err));
  const stages: (Readable | Writable)[] = [tar as unknown as Readable];
  if (gzipLevel !== undefined) stages.push(createGzip({ level: gzipLevel }));
  stages.push(createWriteStream(target));
  await Promise.all([feeding, pipeline(stages as [Readable, ...Writable[]], { signal })]);
}

/** Writes `files` to a zip archive at `target` (relative paths kept, absolute ones by base name). */
export async function writeZip(
  files: readonly string[],
  target: string,
  level: number,
  signal: AbortSignal,
): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const file of files) {
    const name = isAbsolute(file)
      ? basename(file)
      : normalize(file)
          .replaceAll('\\', '/')
          .replace(/^(\.\.\/)+/, '');
    zip.addFile(file, name, { compressionLevel: level, compress: level > 0 });
  }
  zip.end();
  await pipeline(zip.outputStream as unknown as Readable, createWriteStream(target), { signal });
}

/** Gzips one file into `target`. */
export async function writeGzip(
  file: string,
  target: string,
  level: number,
  signal: AbortSignal,
): Promise<void> {
  await pipeline(createReadStream(file), createGzip({ level }), createWriteStream(target), { signal });
}
