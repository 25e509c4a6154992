import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { stat as localStat, open, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Communicator } from '@kiln/plugin-sdk';
import { ssh } from '@kiln/plugin-sdk';
import type ssh2 from 'ssh2';
import { capture, catToFile, type RemoteStat, remoteStat } from './remote.js';

// SFTP v3 constants (draft-ietf-secsh-filexfer-02).
const OK = 0;
const EOF = 1;
const NO_SUCH_FILE = 2;
const FAILURE = 4;
const OP_UNSUPPORTED = 8;
const OPEN_WRITE = 0x02;
const OPEN_APPEND = 0x04;

interface WriteHandle {
  kind: 'write';
  path: string;
  local: string;
  file: FileHandle;
  mode?: number;
}
interface ReadHandle {
  kind: 'read';
  local: string;
  file: FileHandle;
  size: number;
}
type Handle = WriteHandle | ReadHandle;

/** Where the SFTP server keeps the files in flight, and what it reports. */
export interface SftpServerOptions {
  comm: Communicator;
  /** A private local directory for files in flight (removed by the proxy's owner). */
  spoolDir: string;
  signal: AbortSignal;
  log(line: string): void;
}

/**
 * Serves the SFTP protocol on one session by translating it to the
 * communicator: a file written is spooled locally and uploaded when closed,
 * a file read is downloaded when opened, and the metadata operations
 * (stat, mkdir, remove, rename, realpath, chmod) are short commands on the
 * machine. So Ansible's default transfers work against any communicator,
 * with no sftp-server on the machine. Directory listings are not served.
 */
export function serveSftp(sftp: ssh2.SFTPWrapper, o: SftpServerOptions): void {
  const handles = new Map<number, Handle>();
  let next = 0;
  let home: Promise<string> | undefined;
  let spool = 0;
  const id = (buf: Buffer) => buf.readUInt32BE(0);
  const newHandle = (h: Handle) => {
    const n = next++;
    handles.set(n, h);
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const spoolPath = () => join(o.spoolDir, `sftp-${process.pid}-${spool++}`);
  const fail = (reqid: number, e: unknown) => {
    o.log(`sftp: ${(e as Error).message}`);
    sftp.status(reqid, FAILURE, (e as Error).message);
  };
  const run = async (reqid: number, command: string) => {
    try {
      const r = await capture(o.comm, command, o.signal);
      if (r.status === 0) sftp.status(reqid, OK);
      else sftp.status(reqid, r.stderr.includes('No such file') ? NO_SUCH_FILE : FAILURE, r.stderr.trim());
    } catch (e) {
      fail(reqid, e);
    }
  };
  const attrs = (st: RemoteStat) => ({
    mode: st.mode,
    size: st.size,
    uid: st.uid,
    gid: st.gid,
    atime: st.atime,
    mtime: st.mtime,
  });
  const q = ssh.shellQuote;

  sftp.on('OPEN', async (reqid, filename, flags, a) => {
    try {
      if (flags & (OPEN_WRITE | OPEN_APPEND)) {
        if (flags & OPEN_APPEND) return sftp.status(reqid, OP_UNSUPPORTED, 'append is not supported');
        const local = spoolPath();
        const file = await open(local, 'w', 0o600);
        const mode = typeof a?.mode === 'number' ? a.mode & 0o7777 : undefined;
        sftp.handle(
          reqid,
          newHandle({ kind: 'write', path: filename, local, file, ...(mode ? { mode } : {}) }),
        );
        return;
      }
      const local = spoolPath();
      try {
        await catToFile(o.comm, filename, local, o.signal);
      } catch (e) {
        await rm(local, { force: true });
        o.log(`sftp: download ${filename}: ${(e as Error).message}`);
        return sftp.status(reqid, NO_SUCH_FILE, (e as Error).message);
      }
      const file = await open(local, 'r');
      const size = (await file.stat()).size;
      sftp.handle(reqid, newHandle({ kind: 'read', local, file, size }));
    } catch (e) {
      fail(reqid, e);
    }
  });

  sftp.on('WRITE', async (reqid, handle, offset, data) => {
    const h = handles.get(id(handle));
    if (h?.kind !== 'write') return sftp.status(reqid, FAILURE, 'invalid handle');
    try {
      await h.file.write(data, 0, data.length, offset);
      sftp.status(reqid, OK);
    } catch (e) {
      fail(reqid, e);
    }
  });

  sftp.on('READ', async (reqid, handle, offset, length) => {
    const h = handles.get(id(handle));
    if (h?.kind !== 'read') return sftp.status(reqid, FAILURE, 'invalid handle');
    if (offset >= h.size) return sftp.status(reqid, EOF);
    try {
      const buf = Buffer.alloc(Math.min(length, h.size - offset));
      const { bytesRead } = await h.file.read(buf, 0, buf.length, offset);
      sftp.data(reqid, buf.subarray(0, bytesRead));
    } catch (e) {
      fail(reqid, e);
    }
  });

  sftp.on('FSTAT', async (reqid, handle) => {
    const h = handles.get(id(handle));
    if (!h) return sftp.status(reqid, FAILURE, 'invalid handle');
    const st = await h.file.stat();
    sftp.attrs(reqid, {
      mode: h.kind === 'write' ? 0o100000 | (h.mode ?? 0o644) : 0o100644,
      size: st.size,
      uid: 0,
      gid: 0,
      atime: 0,
      mtime: 0,
    });
  });

  sftp.on('FSETSTAT', (reqid, handle, a) => {
    const h = handles.get(id(handle));
    if (h?.kind === 'write' && typeof a.mode === 'number') h.mode = a.mode & 0o7777;
    sftp.status(reqid, h ? OK : FAILURE);
  });

  sftp.on('CLOSE', async (reqid, handle) => {
    const n = id(handle);
    const h = handles.get(n);
    if (!h) return sftp.status(reqid, FAILURE, 'invalid handle');
    handles.delete(n);
    try {
      await h.file.close();
      if (h.kind === 'write') {
        const { size } = await localStat(h.local);
        await o.comm.upload(
          h.path,
          createReadStream(h.local),
          { size, ...(h.mode ? { mode: h.mode } : {}) },
          o.signal,
        );
      }
      sftp.status(reqid, OK);
    } catch (e) {
      fail(reqid, e);
    } finally {
      await rm(h.local, { force: true });
    }
  });

  const stat = (follow: boolean) => async (reqid: number, path: string) => {
    try {
      const st = await remoteStat(o.comm, path, follow, o.signal);
      if (st) sftp.attrs(reqid, attrs(st));
      else sftp.status(reqid, NO_SUCH_FILE, `${path}: no such file or directory`);
    } catch (e) {
      fail(reqid, e);
    }
  };
  sftp.on('STAT', stat(true));
  sftp.on('LSTAT', stat(false));

  sftp.on('REALPATH', async (reqid, path) => {
    try {
      let abs = path;
      if (!path.startsWith('/')) {
        home ??= capture(o.comm, 'pwd', o.signal).then((r) => r.stdout.trim() || '/');
        abs = posix.join(await home, path);
      }
      abs = posix.normalize(abs);
      sftp.name(reqid, [{ filename: abs, longname: abs, attrs: {} as ssh2.Attributes }]);
    } catch (e) {
      fail(reqid, e);
    }
  });

  sftp.on('SETSTAT', (reqid, path, a) => {
    if (typeof a.mode === 'number') void run(reqid, `chmod ${(a.mode & 0o7777).toString(8)} -- ${q(path)}`);
    else sftp.status(reqid, OK);
  });
  sftp.on('MKDIR', (reqid, path) => void run(reqid, `mkdir -- ${q(path)}`));
  sftp.on('RMDIR', (reqid, path) => void run(reqid, `rmdir -- ${q(path)}`));
  sftp.on('REMOVE', (reqid, path) => void run(reqid, `rm -f -- ${q(path)}`));
  sftp.on('RENAME', (reqid, from, to) => void run(reqid, `mv -- ${q(from)} ${q(to)}`));
  sftp.on('SYMLINK', (reqid, link, target) => void run(reqid, `ln -s -- ${q(target)} ${q(link)}`));
  sftp.on('READLINK', async (reqid, path) => {
    try {
      const r = await capture(o.comm, `readlink -- ${q(path)}`, o.signal);
      if (r.status !== 0) return sftp.status(reqid, NO_SUCH_FILE, r.stderr.trim());
      const target = r.stdout.trim();
      sftp.name(reqid, [{ filename: target, longname: target, attrs: {} as ssh2.Attributes }]);
    } catch (e) {
      fail(reqid, e);
    }
  });
  sftp.on('OPENDIR', (reqid) => sftp.status(reqid, OP_UNSUPPORTED, 'directory listings are not served'));

  // The client is done (its EOF): close the channel so that it can exit.
  sftp.on('end', () => sftp.end());
  sftp.on('close', () => {
    for (const h of handles.values()) {
      void h.file.close().catch(() => {});
      void rm(h.local, { force: true });
    }
    handles.clear();
  });
}
