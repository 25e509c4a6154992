import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { openFileAtomic, type Step, type Ui } from '@kiln/plugin-sdk';
import { digestFromFile, fileDigest, parseChecksum } from '../checksum.js';
import type { QemuBuildState } from '../state.js';

/** Packer's cache directory: PACKER_CACHE_DIR (or KILN_CACHE_DIR), else ./packer_cache. */
export function cacheDir(): string {
  return resolve(process.env.KILN_CACHE_DIR ?? process.env.PACKER_CACHE_DIR ?? 'packer_cache');
}

/** GET `url` as text (checksum files). */
export async function fetchText(url: string, signal: AbortSignal): Promise<string> {
  const r = await fetch(url, { signal });
  if (!r.ok) throw new Error(`GET ${url}: HTTP ${r.status}`);
  return r.text();
}

async function download(url: string, target: string, ui: Ui, signal: AbortSignal): Promise<void> {
  const r = await fetch(url, { signal });
  if (!r.ok || !r.body) throw new Error(`GET ${url}: HTTP ${r.status}`);
  const total = Number(r.headers.get('content-length') ?? 0);
  let current = 0;
  let last = 0;
  const id = `download-${createHash('sha1').update(url).digest('hex').slice(0, 8)}`;
  const progress = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      current += chunk.length;
      if (Date.now() - last > 250) {
        last = Date.now();
        ui.progress({ id, label: basename(new URL(url).pathname), current, total });
      }
      cb(null, chunk);
    },
  });
  // A name of its own per download: two builds fetching the same ISO into
  // the cache must not write one partial file together.
  // The length is checked unless the body was decoded (its length is then the encoded one).
  const exact = total > 0 && !r.headers.get('content-encoding');
  const file = openFileAtomic(target, { mode: 0o644, ...(exact ? { size: total } : {}) });
  try {
    await pipeline(
      Readable.fromWeb(r.body as import('node:stream/web').ReadableStream),
      progress,
      file.stream,
      {
        signal,
      },
    );
  } catch (e) {
    await file.discard();
    throw e;
  }
  await file.commit();
  ui.progress({ id, label: basename(new URL(url).pathname), current, total: total || current, done: true });
}

/** Finds the ISO (iso_url / iso_urls): local paths are used in place, URLs are downloaded into the cache; the checksum is verified. */
export const stepDownload: Step<QemuBuildState> = {
  name: 'download',
  async run(state, { ui, signal }) {
    const { config } = state;
    const checksum = parseChecksum(config.isoChecksum);
    const errors: string[] = [];
    for (const url of config.isoUrls) {
      try {
        const isRemote = /^https?:\/\//.test(url);
        const name = basename(isRemote ? new URL(url).pathname : url.replace(/^file:\/\//, ''));
        let expected: { algorithm: string; hex: string } | undefined;
        if (checksum.kind === 'digest') expected = { algorithm: checksum.algorithm!, hex: checksum.hex! };
        else if (checksum.kind === 'file')
          expected = await digestFromFile(checksum, name, (u) => fetchText(u, signal));
        let path: string;
        if (isRemote) {
          const key = createHash('sha1').update(`${url}${config.isoChecksum}`).digest('hex');
          path = config.isoTargetPath ?? join(cacheDir(), `${key}.iso`);
          if (!existsSync(path)) {
            ui.say(`Downloading ${url}`);
            await mkdir(resolve(path, '..'), { recursive: true });
            await download(url, path, ui, signal);
          } else ui.say(`Using cached ${path}`);
        } else {
          path = url.startsWith('file://') ? fileURLToPath(url) : resolve(url);
          if (!(await stat(path).catch(() => undefined))?.isFile()) throw new Error(`${path}: no such file`);
        }
        if (expected) {
          ui.say(`Verifying the ${expected.algorithm} checksum of ${basename(path)}...`);
          const got = await fileDigest(path, expected.algorithm, signal);
          if (got !== expected.hex) {
            if (isRemote) await rm(path, { force: true });
            throw new Error(
              `Checksum did not match for ${url}: expected ${expected.algorithm}:${expected.hex}, got ${got}`,
            );
          }
        }
        state.isoPath = path;
        return;
      } catch (e) {
        if (signal.aborted) throw e;
        errors.push((e as Error).message);
        ui.error(`Error with ${url}: ${(e as Error).message}`);
      }
    }
    throw new Error(`Could not get the ISO: ${errors.join('; ')}`);
  },
};
