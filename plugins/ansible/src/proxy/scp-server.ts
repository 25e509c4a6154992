import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { type Duplex, PassThrough } from 'node:stream';
import type { Communicator } from '@kiln/plugin-sdk';
import { ssh } from '@kiln/plugin-sdk';
import { capture, catToFile, remoteStat } from './remote.js';

/** An `scp -t` (sink) or `scp -f` (source) request, as the legacy scp client sends it. */
export interface ScpRequest {
  mode: 'sink' | 'source';
  recursive: boolean;
  /** -d: the target must be a directory. */
  targetIsDir: boolean;
  path: string;
}

/** Parses the arguments after "scp "; undefined when it is neither -t nor -f (run it as a command). */
export function parseScp(args: string): ScpRequest | undefined {
  const words = args.trim().split(/\s+/);
  let mode: ScpRequest['mode'] | undefined;
  let recursive = false;
  let targetIsDir = false;
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-')) break;
    for (const c of w.slice(1)) {
      if (c === 't') mode = 'sink';
      else if (c === 'f') mode = 'source';
      else if (c === 'r') recursive = true;
      else if (c === 'd') targetIsDir = true;
    }
  }
  if (!mode) return undefined;
  const path = unquote(words.slice(i).join(' '));
  return { mode, recursive, targetIsDir, path };
}

/** The path as the remote shell would see it (scp quotes it for one). */
function unquote(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      out += s.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? s.length : end;
    } else if (c === '\\' && i + 1 < s.length) out += s[++i];
    else if (c === '"') continue;
    else out += c;
  }
  return out;
}

/** Serves one legacy scp session over `channel`, translating it to the communicator. */
export async function serveScp(
  req: ScpRequest,
  channel: Duplex,
  comm: Communicator,
  spoolDir: string,
  signal: AbortSignal,
): Promise<void> {
  const reader = new ssh.ByteReader(channel);
  const write = async (d: string | Buffer) => {
    if (!channel.write(d)) await once(channel, 'drain');
  };
  const ok = () => write(Buffer.from([0]));
  const spool = join(spoolDir, `scp-${process.pid}-${Date.now()}`);
  try {
    if (req.mode === 'sink') await sink(req, reader, ok, comm, spool, signal);
    else await source(req, reader, write, comm, spool, signal);
  } catch (e) {
    await write(`\x02${(e as Error).message.replace(/\n/g, ' ')}\n`).catch(() => {});
    throw e;
  } finally {
    await rm(spool, { force: true });
  }
}

async function sink(
  req: ScpRequest,
  reader: ssh.ByteReader,
  ok: () => Promise<void>,
  comm: Communicator,
  spool: string,
  signal: AbortSignal,
): Promise<void> {
  const isDir =
    req.targetIsDir ||
    req.recursive ||
    (await capture(comm, `test -d ${ssh.shellQuote(req.path)}`, signal)).status === 0;
  const dirs: string[] = [isDir ? req.path : posix.dirname(req.path)];
  await ok();
  for (;;) {
    let line: string;
    try {
      line = await reader.line();
    } catch {
      return; // the client closed: done
    }
    const kind = line[0];
    if (kind === 'T') {
      await ok();
      continue;
    }
    if (kind === 'E') {
      dirs.pop();
      await ok();
      continue;
    }
    const m = /^([CD])([0-7]{4}) (\d+) (.+)$/.exec(line.trimEnd());
    if (!m) throw new Error(`scp: unexpected record "${line.slice(0, 40)}"`);
    const mode = Number.parseInt(m[2]!, 8);
    const name = m[4]!;
    const parent = dirs[dirs.length - 1]!;
    if (m[1] === 'D') {
      const dir = posix.join(parent, name);
      const r = await capture(comm, `mkdir -p ${ssh.shellQuote(dir)}`, signal);
      if (r.status !== 0) throw new Error(`scp: mkdir ${dir}: ${r.stderr.trim()}`);
      dirs.push(dir);
      await ok();
      continue;
    }
    const size = Number(m[3]);
    const target = isDir || dirs.length > 1 ? posix.join(parent, name) : req.path;
    await ok();
    const out = createWriteStream(spool, { mode: 0o600 });
    await reader.copy(size, async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'close');
    await reader.byte();
    await comm.upload(target, createReadStream(spool), { mode, size }, signal);
    await ok();
  }
}

async function source(
  req: ScpRequest,
  reader: ssh.ByteReader,
  write: (d: string | Buffer) => Promise<void>,
  comm: Communicator,
  spool: string,
  signal: AbortSignal,
): Promise<void> {
  const expectOk = async () => {
    const b = await reader.byte();
    if (b !== 0) throw new Error(`scp: the client refused: ${(await reader.line()).trim()}`);
  };
  await expectOk();
  const st = await remoteStat(comm, req.path, true, signal);
  if (!st) throw new Error(`scp: ${req.path}: No such file or directory`);
  if ((st.mode & 0o170000) === 0o040000) throw new Error(`scp: ${req.path}: is a directory (not supported)`);
  await catToFile(comm, req.path, spool, signal);
  const { size } = await stat(spool);
  await write(`C${(st.mode & 0o7777).toString(8).padStart(4, '0')} ${size} ${posix.basename(req.path)}\n`);
  await expectOk();
  const data = createReadStream(spool).pipe(new PassThrough());
  for await (const chunk of data) await write(chunk as Buffer);
  await write(Buffer.from([0]));
  await expectOk();
}
