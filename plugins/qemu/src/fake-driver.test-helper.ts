import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { ProbeResult, QemuDriver, VmProcess } from './driver.js';

/** A VNC server that answers the handshake and paints a non-black screen (tests). */
export function fakeVncServer(paint = true): Server {
  return createServer((sock) => {
    sock.on('error', () => {});
    sock.write('RFB 003.008\n');
    let stage = 0;
    sock.on('data', (d: Buffer) => {
      if (stage === 0) {
        sock.write(Buffer.from([1, 1]));
        stage = 1;
      } else if (stage === 1) {
        sock.write(Buffer.alloc(4));
        stage = 2;
      } else if (stage === 2) {
        const init = Buffer.alloc(24 + 4);
        init.writeUInt16BE(2, 0);
        init.writeUInt16BE(2, 2);
        init[4] = 32;
        init.write('fake', 24);
        init.writeUInt32BE(4, 20);
        sock.write(init);
        stage = 3;
      } else if (d.includes(3) && paint) {
        const msg = Buffer.alloc(4 + 12 + 16, 0x7f);
        msg.writeUInt8(0, 0);
        msg.writeUInt8(0, 1);
        msg.writeUInt16BE(1, 2);
        msg.writeUInt16BE(0, 4);
        msg.writeUInt16BE(0, 6);
        msg.writeUInt16BE(2, 8);
        msg.writeUInt16BE(2, 10);
        msg.writeInt32BE(0, 12);
        sock.write(msg);
      }
    });
  });
}

/** What the fake driver was asked to do. */
export interface FakeCall {
  kind: 'qemu-img' | 'start' | 'probe' | 'kill' | 'floppy' | 'release';
  args: string[];
}

/** A driver that runs nothing: records calls; VMs "run" until killed or `exit()`. */
export class FakeQemuDriver implements QemuDriver {
  readonly calls: FakeCall[] = [];
  probeResult: ProbeResult = { code: 3, timedOut: false, output: '' };
  /** Set: start() fails for arguments containing this. */
  failStartWith?: string;
  readonly servers: Server[] = [];
  #exits: (() => void)[] = [];

  async qemuImg(args: string[]): Promise<string> {
    this.calls.push({ kind: 'qemu-img', args });
    if (args[0] === 'info') return JSON.stringify({ format: 'raw' });
    if (args[0] === 'create') await writeFile(args.at(-2)!, 'disk');
    if (args[0] === 'convert') await writeFile(args.at(-1)!, 'disk');
    return '';
  }

  async makeFloppy(image: string, label: string, files: string[], dirs: string[]): Promise<void> {
    this.calls.push({ kind: 'floppy', args: [image, label, ...files, ...dirs] });
    await writeFile(image, 'floppy');
  }

  async probe(_binary: string, args: string[]): Promise<ProbeResult> {
    this.calls.push({ kind: 'probe', args });
    return this.probeResult;
  }

  async start(_binary: string, args: string[]): Promise<VmProcess> {
    this.calls.push({ kind: 'start', args });
    let reason: string | undefined;
    if (this.failStartWith && args.some((a) => a.includes(this.failStartWith!)))
      reason = 'QEMU exited with status 1';
    const display = Number(args[args.indexOf('-vnc') + 1]?.split(':')[1] ?? 0);
    const server = fakeVncServer();
    this.servers.push(server);
    if (!reason) await new Promise<void>((r) => server.listen(5900 + display, '127.0.0.1', r));
    let resolveExit!: (v: { code: number | null; signal: NodeJS.Signals | null }) => void;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => {
      resolveExit = r;
    });
    const end = () => {
      if (reason === undefined) reason = 'QEMU exited with status 0';
      server.close();
      resolveExit({ code: 0, signal: null });
    };
    if (reason) end();
    this.#exits.push(end);
    const calls = this.calls;
    return {
      pid: 4242,
      exited,
      exitReason: () => reason,
      async kill() {
        calls.push({ kind: 'kill', args: [] });
        end();
      },
      release() {
        calls.push({ kind: 'release', args: [] });
      },
    };
  }

  /** Makes every running VM exit (as after a guest poweroff). */
  exitAll(): void {
    for (const e of this.#exits) e();
  }

  close(): void {
    for (const s of this.servers) s.close();
  }
}
