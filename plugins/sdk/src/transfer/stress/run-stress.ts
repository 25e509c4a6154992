import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Communicator } from '../../communicator.js';
import { openFileAtomic } from '../atomic-file.js';
import { isTempName } from '../temp-name.js';
import { cancelDownload, cancelUpload } from './cancellation.js';
import { type CorpusFile, corpusName, corpusSizes, sha256, treeEntries, writeCorpus } from './corpus.js';
import { startCpuLoad } from './cpu-load.js';
import { inPool } from './pool.js';
import { type RemoteFile, remoteManifest, remoteRun, shQuote } from './remote-manifest.js';
import { SOURCE_KINDS, uploadSource } from './sources.js';

/** Options of {@link stressCommunicator}. */
export interface CommunicatorStressOptions {
  communicator: Communicator;
  /** An absolute directory on the machine, made for the run and removed after it. */
  remoteDir: string;
  /** A local scratch directory, made for the run and removed after it. */
  localDir: string;
  /** Small files besides the fixed edge sizes (default 40). */
  smallFiles?: number;
  /** Size of the one large file (default 20 MiB). */
  largeBytes?: number;
  /** Files in the directory tree sent both ways (default 120). */
  treeFiles?: number;
  /** Transfers running at once (default 6). */
  concurrency?: number;
  /** Threads kept busy during the run (default 1). */
  cpuWorkers?: number;
}

/** What a stress run did; every transfer in it was verified. */
export interface StressReport {
  uploads: number;
  downloads: number;
  bytes: number;
  verified: number;
  cancellations: number;
}

/**
 * Pushes a communicator through concurrent uploads and downloads under CPU
 * load, then checks every file at the other end by SHA-256 and mode: files
 * from 0 bytes to `largeBytes` (edges around 64 KiB chunks included) handed
 * over as file streams, sized and unsized streams and trickling streams,
 * into missing parent directories; names with spaces, quotes and non-ASCII;
 * concurrent uploads to one destination (one of them must win whole); a
 * directory tree both ways; and cancellations in the middle of transfers,
 * which must reject and leave neither a partial file under the final name
 * nor a temporary file behind. Uploads are checked with the machine's own
 * `sha256sum` and `stat` over `exec`. Throws an error listing every
 * discrepancy.
 */
export async function stressCommunicator(options: CommunicatorStressOptions): Promise<StressReport> {
  const comm = options.communicator;
  const remote = options.remoteDir;
  const local = options.localDir;
  const report: StressReport = { uploads: 0, downloads: 0, bytes: 0, verified: 0, cancellations: 0 };
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
    else report.verified++;
  };
  await mkdir(join(local, 'src'), { recursive: true });
  const sizes = corpusSizes(options.smallFiles ?? 40, options.largeBytes ?? 20 << 20);
  const files = await writeCorpus(
    join(local, 'src'),
    sizes.map((size, i) => ({ rel: corpusName(i), size })),
  );
  const tree = await writeCorpus(join(local, 'tree'), treeEntries(options.treeFiles ?? 120));
  const remotePath = (f: CorpusFile, i: number) =>
    posix.join(remote, 'up', i % 3 === 0 ? 'nested/deeper' : '', f.rel);
  const race = Array.from({ length: 6 }, () => randomBytes(70_000 + Math.floor(Math.random() * 9000)));
  await remoteRun(comm, `mkdir -p ${shQuote(remote)}`);
  try {
    {
      await using _load = startCpuLoad(options.cpuWorkers ?? 1);
      const uploads = files.map((f, i) => async () => {
        const kind = SOURCE_KINDS[i % SOURCE_KINDS.length]!;
        const { stream, info } = await uploadSource(kind, join(local, 'src', f.rel), f.size, f.mode);
        await comm.upload(remotePath(f, i), stream, info);
        report.uploads++;
        report.bytes += f.size;
      });
      const racers = race.map((data, i) => async () => {
        await comm.upload(posix.join(remote, 'race', 'same name.bin'), Readable.from([data]), {
          mode: 0o640,
          ...(i % 2 ? { size: data.length } : {}),
        });
        report.uploads++;
      });
      const dir = async () => {
        await comm.uploadDir(posix.join(remote, 'tree up'), join(local, 'tree'));
        report.uploads += tree.length;
      };
      await inPool(options.concurrency ?? 6, [dir, ...interleave(uploads, racers)]);

      const seen = await remoteManifest(comm, remote);
      const expected = new Map<string, { sha256: string[]; mode: number }>();
      for (const [i, f] of files.entries())
        expected.set(posix.relative(remote, remotePath(f, i)), { sha256: [f.sha256], mode: f.mode });
      for (const f of tree) expected.set(`tree up/${f.rel}`, { sha256: [f.sha256], mode: f.mode });
      expected.set('race/same name.bin', { sha256: race.map(sha256), mode: 0o640 });
      compare(expected, seen, 'on the machine after upload', check);

      const downloads = files.map((f, i) => async () => {
        const target = join(local, 'down', f.rel);
        await mkdir(join(local, 'down'), { recursive: true });
        const file = openFileAtomic(target);
        try {
          await comm.download(remotePath(f, i), file.stream);
        } catch (e) {
          await file.discard();
          throw e;
        }
        await file.commit();
        const got = await hashFile(target);
        check(
          got === f.sha256,
          `download of ${f.rel} (${f.size} bytes): sha256 ${got}, expected ${f.sha256}`,
        );
        report.downloads++;
        report.bytes += f.size;
      });
      const dirDown = async () => {
        await comm.downloadDir(posix.join(remote, 'tree up'), join(local, 'tree down'));
        const got = await localManifest(join(local, 'tree down'));
        const want = new Map(tree.map((f) => [f.rel, { sha256: [f.sha256], mode: f.mode }]));
        compare(want, got, 'locally after downloadDir', check);
        report.downloads += tree.length;
      };
      await inPool(options.concurrency ?? 6, [dirDown, ...downloads]);
    }

    const cancelDir = posix.join(remote, 'cancel');
    const old = Buffer.from('the previous content\n');
    await comm.upload(posix.join(cancelDir, 'target.bin'), Readable.from([old]), {
      mode: 0o644,
      size: old.length,
    });
    for (const withSize of [true, false]) {
      await cancelUpload(comm, posix.join(cancelDir, 'target.bin'), 1 << 20, withSize);
      report.cancellations++;
    }
    const large = files.reduce((a, b, i) => (b.size > files[a]!.size ? i : a), 0);
    const downTarget = join(local, 'cancelled', 'large.bin');
    await mkdir(join(local, 'cancelled'), { recursive: true });
    await cancelDownload(comm, remotePath(files[large]!, large), downTarget, 1 << 20);
    report.cancellations++;
    compare(
      new Map([['target.bin', { sha256: [sha256(old)], mode: 0o644 }]]),
      await settledManifest(comm, cancelDir),
      'on the machine after cancelled uploads',
      check,
    );
    const leftovers = (await readdir(join(local, 'cancelled'))).concat(
      (await readdir(join(local, 'down'))).filter(isTempName),
    );
    check(
      leftovers.length === 0,
      `local files left by cancelled or finished downloads: ${leftovers.join(', ')}`,
    );
  } finally {
    await remoteRun(comm, `rm -rf ${shQuote(remote)}`).catch(() => {});
    await rm(local, { recursive: true, force: true });
  }
  if (problems.length)
    throw new Error(
      `${problems.length} transfer problem(s):\n  ${problems.slice(0, 25).join('\n  ')}` +
        (problems.length > 25 ? `\n  ... and ${problems.length - 25} more` : ''),
    );
  return report;
}

function compare(
  expected: Map<string, { sha256: string[]; mode: number }>,
  seen: Map<string, { sha256: string; mode: number }>,
  where: string,
  check: (ok: boolean, what: string) => void,
): void {
  for (const [name, want] of expected) {
    const got = seen.get(name);
    if (!got) {
      check(false, `${name}: missing ${where}`);
      continue;
    }
    check(
      want.sha256.includes(got.sha256),
      `${name}: sha256 ${got.sha256} ${where}, expected ${want.sha256[0]}`,
    );
    check(
      got.mode === want.mode,
      `${name}: mode ${got.mode.toString(8)} ${where}, expected ${want.mode.toString(8)}`,
    );
  }
  for (const name of seen.keys())
    if (!expected.has(name))
      check(
        false,
        `${name}: unexpected file ${where}${isTempName(name) ? ' (a temporary file left behind)' : ''}`,
      );
}

/**
 * The manifest once no temporary file is left, waiting up to 10 s: behind a
 * proxy, the far end removes a cancelled upload's temporary file just after
 * the caller's call was cancelled. The final name is never given time.
 */
async function settledManifest(comm: Communicator, dir: string): Promise<Map<string, RemoteFile>> {
  for (let i = 0; ; i++) {
    const seen = await remoteManifest(comm, dir);
    if (i >= 20 || ![...seen.keys()].some(isTempName)) return seen;
    await sleep(500);
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function localManifest(root: string): Promise<Map<string, { sha256: string; mode: number }>> {
  const out = new Map<string, { sha256: string; mode: number }>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const rel = relative(root, path).split(sep).join('/');
    out.set(rel, { sha256: await hashFile(path), mode: (await lstat(path)).mode & 0o7777 });
  }
  return out;
}

function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}
