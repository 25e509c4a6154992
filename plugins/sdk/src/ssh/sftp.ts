import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type ssh2 from 'ssh2';
import { openFileAtomic } from '../transfer/atomic-file.js';
import { tempNameFor } from '../transfer/temp-name.js';
import { writeChunk } from '../transfer/write-chunk.js';

type Sftp = ssh2.SFTPWrapper;

function call<T>(fn: (cb: (err: Error | null | undefined, v: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
}

/** An open sftp session. */
export interface SftpSession {
  sftp: Sftp;
  /**
   * Ends the session; resolves once the server has closed its channel (or
   * the connection is gone), or at once when `signal` is aborted.
   */
  close(signal?: AbortSignal): Promise<void>;
}

/** Opens the sftp subsystem. */
export function openSftp(client: ssh2.Client): Promise<SftpSession> {
  return new Promise((resolve, reject) => {
    client.sftp((err, sftp) => {
      if (err) {
        reject(err);
        return;
      }
      // Listening from here on: the server may close the channel in the same
      // read that opened it.
      const closed = new Promise<void>((done) => {
        const finish = () => {
          sftp.removeListener('close', finish);
          client.removeListener('close', finish);
          done();
        };
        sftp.once('close', finish);
        client.once('close', finish);
      });
      resolve({
        sftp,
        close(signal) {
          sftp.end();
          if (!signal) return closed;
          if (signal.aborted) return Promise.resolve();
          let onAbort = () => {};
          const abort = new Promise<void>((done) => {
            onAbort = done;
            signal.addEventListener('abort', onAbort, { once: true });
          });
          return Promise.race([closed, abort]).finally(() => signal.removeEventListener('abort', onAbort));
        },
      });
    });
  });
}

/** mkdir -p over sftp. */
export async function sftpMkdirP(sftp: Sftp, dir: string): Promise<void> {
  const parts = posix.normalize(dir).split('/');
  let cur = parts[0] === '' ? '/' : '';
  for (const p of parts) {
    if (!p) continue;
    cur = cur === '' ? p : posix.join(cur, p);
    const exists = await call<ssh2.Stats>((cb) => sftp.stat(cur, cb)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!exists) {
      await call<void>((cb) => sftp.mkdir(cur, (e) => cb(e, undefined))).catch(async (e: Error) => {
        const now = await call<ssh2.Stats>((cb) => sftp.stat(cur, cb)).catch(() => undefined);
        if (!now?.isDirectory()) throw new Error(`sftp: mkdir ${cur}: ${e.message}`);
      });
    }
  }
}

/**
 * Writes a stream to a remote file: under a temporary name, then the exact
 * mode, then a rename over the destination (OpenSSH's posix-rename where the
 * server has it). The temporary file is removed on failure or abort.
 */
export async function sftpPut(
  sftp: Sftp,
  dst: string,
  source: Readable,
  mode: number,
  signal?: AbortSignal,
): Promise<void> {
  await sftpMkdirP(sftp, posix.dirname(dst));
  const temp = tempNameFor(dst);
  try {
    await pipeline(source, sftp.createWriteStream(temp, { mode }), signal ? { signal } : {});
    await call<void>((cb) => sftp.chmod(temp, mode, (e) => cb(e, undefined)));
    await sftpRename(sftp, temp, dst);
  } catch (error) {
    await call<void>((cb) => sftp.unlink(temp, (e) => cb(e, undefined))).catch(() => {});
    throw error;
  }
}

async function sftpRename(sftp: Sftp, from: string, to: string): Promise<void> {
  try {
    await call<void>((cb) => sftp.ext_openssh_rename(from, to, (e) => cb(e, undefined)));
    return;
  } catch (error) {
    // Servers without posix-rename: plain SFTP rename refuses an existing target.
    if (!/does not support/i.test((error as Error).message)) throw error;
  }
  await call<void>((cb) => sftp.unlink(to, (e) => cb(e, undefined))).catch(() => {});
  await call<void>((cb) => sftp.rename(from, to, (e) => cb(e, undefined)));
}

/**
 * Reads a remote file into a stream (left open for the caller to end).
 * Resolves once the remote handle is closed too: a session ended while the
 * handle's close is still pending fails that request, and the stream would
 * report it to no one.
 */
export async function sftpGet(sftp: Sftp, src: string, out: Writable, signal?: AbortSignal): Promise<void> {
  const rs = sftp.createReadStream(src);
  let failure: Error | undefined;
  rs.on('error', (e: Error) => {
    failure ??= e;
  });
  // ssh2 emits 'close' once the handle is closed, or 'error' when closing failed.
  const closed = new Promise<void>((resolve) => {
    rs.once('close', resolve);
    rs.once('error', () => resolve());
  });
  const onAbort = () => rs.destroy(new Error('The operation was aborted'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    signal?.throwIfAborted();
    for await (const chunk of rs.iterator({ destroyOnReturn: true })) await writeChunk(out, chunk);
  } catch (error) {
    failure ??= error as Error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!rs.destroyed) rs.destroy();
    await Promise.race([closed, sleep(10_000)]);
  }
  if (failure) throw failure;
}

/** Uploads a local directory's contents into a remote directory. */
export async function sftpPutDir(
  sftp: Sftp,
  dst: string,
  src: string,
  skip: (rel: string) => boolean,
  signal?: AbortSignal,
  prefix = '',
): Promise<void> {
  await sftpMkdirP(sftp, dst);
  for (const e of await readdir(src, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (skip(rel)) continue;
    const path = join(src, e.name);
    const st = await stat(path);
    if (st.isDirectory()) await sftpPutDir(sftp, posix.join(dst, e.name), path, skip, signal, rel);
    else if (st.isFile())
      await sftpPut(sftp, posix.join(dst, e.name), createReadStream(path), st.mode & 0o7777, signal);
  }
}

/** Downloads a remote directory's contents into a local directory. */
export async function sftpGetDir(
  sftp: Sftp,
  src: string,
  dst: string,
  skip: (rel: string) => boolean,
  signal?: AbortSignal,
  prefix = '',
): Promise<void> {
  signal?.throwIfAborted();
  await mkdir(dst, { recursive: true });
  const list = await call<ssh2.FileEntry[]>((cb) => sftp.readdir(src, cb));
  for (const e of list) {
    const rel = prefix ? `${prefix}/${e.filename}` : e.filename;
    if (skip(rel)) continue;
    const remote = posix.join(src, e.filename);
    const mode = e.attrs.mode & 0o170000;
    if (mode === 0o040000) await sftpGetDir(sftp, remote, join(dst, e.filename), skip, signal, rel);
    else if (mode === 0o100000) {
      const out = openFileAtomic(join(dst, e.filename), { mode: e.attrs.mode & 0o7777, size: e.attrs.size });
      try {
        await sftpGet(sftp, remote, out.stream, signal);
      } catch (error) {
        await out.discard();
        throw error;
      }
      await out.commit();
    }
  }
}
