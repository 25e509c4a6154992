import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type ssh2 from 'ssh2';
import { type AtomicFile, openFileAtomic } from '../transfer/atomic-file.js';
import { tempNameFor } from '../transfer/temp-name.js';
import { writeChunk } from '../transfer/write-chunk.js';
import { ByteReader } from './byte-reader.js';
import type { PendingRename } from './remote-rename.js';

const SKIP = '\0skip';

/**
 * The scp protocol (what `scp -t` and `scp -f` speak on the other end),
 * over one exec channel. Records: "C<mode> <size> <name>", "D<mode> 0 <name>",
 * "E", "T..."; every record and every file's data is answered with a status
 * byte (0 ok, 1 warning, 2 fatal, then a message line).
 */
export class ScpSession {
  readonly #ch: ssh2.ClientChannel;
  readonly #in: ByteReader;
  #stderr = '';

  constructor(channel: ssh2.ClientChannel) {
    this.#ch = channel;
    this.#in = new ByteReader(channel);
    channel.stderr.on('data', (c: Buffer) => {
      this.#stderr = (this.#stderr + c.toString()).slice(-2000);
    });
  }

  get stderr(): string {
    return this.#stderr.trim();
  }

  async #ack(): Promise<void> {
    const b = await this.#in.byte().catch((e: Error) => {
      throw new Error(`${e.message}${this.stderr ? `: ${this.stderr}` : ''}`);
    });
    if (b === 0) return;
    if (b === 1 || b === 2) throw new Error(`scp: ${(await this.#in.line()).trim()}`);
    throw new Error(`scp: unexpected response byte ${b}`);
  }

  async #write(data: Buffer | string): Promise<void> {
    await writeChunk(this.#ch, data);
  }

  /** As the sender (`scp -t`): waits for the other end's first ok. */
  async start(): Promise<void> {
    await this.#ack();
  }

  /** Sends one file record and its bytes. */
  async sendFile(name: string, mode: number, size: number, data: Readable): Promise<void> {
    await this.#write(`C${(mode & 0o7777).toString(8).padStart(4, '0')} ${size} ${name}\n`);
    await this.#ack();
    let sent = 0;
    for await (const chunk of data) {
      const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      sent += c.length;
      if (sent > size) throw new Error(`scp: ${name}: more data than the announced ${size} bytes`);
      await this.#write(c);
    }
    if (sent !== size) throw new Error(`scp: ${name}: ${sent} bytes sent, ${size} announced`);
    await this.#write(Buffer.from([0]));
    await this.#ack();
  }

  /**
   * Sends the contents of a local directory (recursively), skipping
   * `skip(rel)`. Files travel under temporary names, recorded in `renames`
   * (paths relative to the destination) for the caller to move into place.
   */
  async sendDirContents(
    dir: string,
    skip: (rel: string) => boolean,
    renames: PendingRename[],
    prefix = '',
  ): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (skip(rel)) continue;
      const path = join(dir, e.name);
      const st = await stat(path);
      if (st.isDirectory()) {
        await this.#write(`D${(st.mode & 0o7777).toString(8).padStart(4, '0')} 0 ${e.name}\n`);
        await this.#ack();
        await this.sendDirContents(path, skip, renames, rel);
        await this.#write('E\n');
        await this.#ack();
      } else if (st.isFile()) {
        const temp = tempNameFor(rel);
        renames.push({ temp, final: rel, mode: st.mode });
        await this.sendFile(posix.basename(temp), st.mode, st.size, createReadStream(path));
      }
    }
  }

  /** As the receiver (`scp -f`) of one file: writes its bytes to `out`. */
  async receiveFile(out: Writable): Promise<void> {
    await this.#write(Buffer.from([0]));
    for (;;) {
      const kind = await this.#in.byte();
      if (kind === 1 || kind === 2) throw new Error(`scp: ${(await this.#in.line()).trim()}`);
      const line = await this.#in.line();
      if (kind === 0x54 /* T */) {
        await this.#write(Buffer.from([0]));
        continue;
      }
      if (kind !== 0x43 /* C */)
        throw new Error(`scp: expected a file, got "${String.fromCharCode(kind)}${line}"`);
      const size = Number(line.split(' ')[1]);
      await this.#write(Buffer.from([0]));
      await this.#in.copy(size, (c) => writeChunk(out, c));
      await this.#ack();
      await this.#write(Buffer.from([0]));
      return;
    }
  }

  /**
   * As the receiver (`scp -rf dir`): writes the remote directory's contents
   * into `dest` (its own top-level record maps onto `dest`).
   */
  async receiveDir(dest: string, skip: (rel: string) => boolean): Promise<void> {
    let current: AtomicFile | undefined;
    try {
      await this.#receiveDir(dest, skip, (f) => {
        current = f;
      });
    } catch (error) {
      await current?.discard();
      throw error;
    }
  }

  async #receiveDir(
    dest: string,
    skip: (rel: string) => boolean,
    opened: (f: AtomicFile | undefined) => void,
  ): Promise<void> {
    await this.#write(Buffer.from([0]));
    const stack: string[] = [];
    const rel = (name: string) => [...stack.slice(1), name].join('/');
    const local = (name: string) => join(dest, ...stack.slice(1), name);
    for (;;) {
      let kind: number;
      try {
        kind = await this.#in.byte();
      } catch {
        if (stack.length === 0) return;
        throw new Error(`scp: the transfer ended early${this.stderr ? `: ${this.stderr}` : ''}`);
      }
      if (kind === 1 || kind === 2) throw new Error(`scp: ${(await this.#in.line()).trim()}`);
      const line = await this.#in.line();
      const [modeText = '', sizeText = '0', ...nameParts] = line.split(' ');
      const name = nameParts.join(' ');
      if (kind === 0x44 /* D */) {
        if (stack.length === 0) {
          await mkdir(dest, { recursive: true });
          stack.push(name);
        } else {
          const skipped = stack.includes(SKIP) || skip(rel(name));
          if (!skipped) await mkdir(local(name), { recursive: true, mode: Number.parseInt(modeText, 8) });
          stack.push(skipped ? SKIP : name);
        }
        await this.#write(Buffer.from([0]));
      } else if (kind === 0x45 /* E */) {
        stack.pop();
        await this.#write(Buffer.from([0]));
        if (stack.length === 0) return;
      } else if (kind === 0x43 /* C */) {
        const size = Number(sizeText);
        const skipped = stack.includes(SKIP) || skip(rel(name));
        await this.#write(Buffer.from([0]));
        const out = skipped
          ? undefined
          : openFileAtomic(local(name), { mode: Number.parseInt(modeText, 8), size });
        opened(out);
        await this.#in.copy(size, async (c) => {
          if (out) await writeChunk(out.stream, c);
        });
        await this.#ack();
        await out?.commit();
        opened(undefined);
        await this.#write(Buffer.from([0]));
      } else if (kind === 0x54 /* T */) {
        await this.#write(Buffer.from([0]));
      } else {
        throw new Error(`scp: unexpected record "${String.fromCharCode(kind)}${line}"`);
      }
    }
  }

  /** Ends the sender's side. */
  end(): void {
    this.#ch.end();
  }
}
