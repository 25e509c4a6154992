import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Communicator } from '@kiln/plugin-sdk';
import { ssh } from '@kiln/plugin-sdk';

/** What a short command on the machine printed. */
export interface Captured {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a short command through the communicator and collects its output. */
export async function capture(comm: Communicator, command: string, signal?: AbortSignal): Promise<Captured> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const status = await comm.exec({ command, stdout: (c) => out.push(c), stderr: (c) => err.push(c) }, signal);
  return { status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** File attributes as SFTP carries them. */
export interface RemoteStat {
  mode: number;
  size: number;
  uid: number;
  gid: number;
  atime: number;
  mtime: number;
}

/**
 * stat(1) of a path on the machine (GNU and busybox both understand -c):
 * undefined when it does not exist. `follow`: stat the link's target.
 */
export async function remoteStat(
  comm: Communicator,
  path: string,
  follow: boolean,
  signal?: AbortSignal,
): Promise<RemoteStat | undefined> {
  const r = await capture(
    comm,
    `stat ${follow ? '-L ' : ''}-c '%f %s %u %g %X %Y' -- ${ssh.shellQuote(path)}`,
    signal,
  );
  if (r.status !== 0) return undefined;
  const [mode, size, uid, gid, atime, mtime] = r.stdout.trim().split(/\s+/);
  return {
    mode: Number.parseInt(mode ?? '0', 16),
    size: Number(size),
    uid: Number(uid),
    gid: Number(gid),
    atime: Number(atime),
    mtime: Number(mtime),
  };
}

/**
 * Copies a file of the machine into a local file with `cat` through the
 * communicator (every communicator runs commands; not all stream downloads
 * of arbitrary paths the same way). Throws with cat's message when it fails.
 */
export async function catToFile(
  comm: Communicator,
  path: string,
  local: string,
  signal?: AbortSignal,
): Promise<void> {
  const out = createWriteStream(local, { mode: 0o600 });
  const err: Buffer[] = [];
  let failed: Error | undefined;
  out.on('error', (e) => {
    failed = e;
  });
  try {
    const status = await comm.exec(
      { command: `cat -- ${ssh.shellQuote(path)}`, stdout: (c) => out.write(c), stderr: (c) => err.push(c) },
      signal,
    );
    if (status !== 0)
      throw new Error(Buffer.concat(err).toString('utf8').trim() || `cat ${path}: exit status ${status}`);
  } finally {
    out.end();
    await once(out, 'close').catch(() => {});
  }
  if (failed) throw failed;
}
