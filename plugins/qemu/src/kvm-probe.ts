import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QemuDriver } from './driver.js';

/**
 * A boot sector that writes 1 to the isa-debug-exit port: QEMU then exits
 * with status 3. A working kvm gets there through the BIOS in a fraction of
 * a second; a /dev/kvm that cannot really run guests (nested
 * virtualisation) crashes, hangs or crawls.
 */
function probeDisk(): Buffer {
  const mbr = Buffer.alloc(512);
  Buffer.from([0xb0, 0x01, 0xe6, 0xf4, 0xf4, 0xeb, 0xfd]).copy(mbr); // mov al,1; out 0xf4,al; hlt; jmp $-1
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  return mbr;
}

/** Undefined when kvm runs a tiny guest to its end within `timeoutMs`; else the reason. */
export async function probeKvm(
  driver: QemuDriver,
  binary: string,
  machine: string,
  cpu: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-kvm-probe-'));
  try {
    const disk = join(dir, 'probe.img');
    await writeFile(disk, probeDisk());
    const started = Date.now();
    const r = await driver.probe(
      binary,
      [
        '-machine',
        `type=${machine},accel=kvm`,
        '-cpu',
        cpu,
        '-m',
        '16M',
        '-display',
        'none',
        '-nodefaults',
        '-no-reboot',
        '-device',
        'isa-debug-exit,iobase=0xf4,iosize=0x04',
        '-drive',
        `file=${disk},format=raw,if=ide`,
      ],
      timeoutMs,
    );
    if (r.code === 3) return undefined;
    if (r.timedOut)
      return `a test guest did not finish under kvm within ${timeoutMs / 1000}s (it takes well under a second where kvm works): /dev/kvm is there but does not really run guests (nested virtualisation?)`;
    const last = r.output
      .split('\n')
      .filter((l) => !/warning:/.test(l))
      .slice(-2)
      .join(' ');
    return `QEMU does not run under kvm (exit ${r.code ?? 'on a signal'} after ${Date.now() - started}ms${last ? `: ${last}` : ''})`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
