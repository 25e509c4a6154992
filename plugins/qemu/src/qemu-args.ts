import type { QemuConfig } from './config.js';
import { renderTemplate } from './template.js';

/** What the command line needs besides the configuration. */
export interface ArgsContext {
  diskPath: string;
  additionalDisks?: string[];
  floppyPath?: string;
  isoPath: string;
  accelerator: string;
  sshHostPort?: number;
  vncPort: number;
  templateData: Record<string, unknown>;
}

/**
 * QEMU's command line, as Packer builds it: defaults by flag, then each
 * qemuargs entry replaces the default with the same flag or is appended.
 */
export function qemuArgs(c: QemuConfig, x: ArgsContext): string[] {
  const defaults = new Map<string, string[][]>();
  const add = (flag: string, ...values: string[]) => {
    const list = defaults.get(flag) ?? [];
    list.push(values);
    defaults.set(flag, list);
  };
  add('-name', c.vmName);
  add('-machine', `type=${c.machineType}${c.accelerator === 'none' ? '' : `,accel=${x.accelerator}`}`);
  const guestPort = c.comm.port || 22;
  const fwd = x.sshHostPort !== undefined ? `,hostfwd=tcp:127.0.0.1:${x.sshHostPort}-:${guestPort}` : '';
  add('-netdev', `user,id=user.0${fwd}`);
  add('-device', `${c.netDevice},netdev=user.0`);
  const disks = [x.diskPath, ...(x.additionalDisks ?? [])];
  if (c.diskInterface === 'virtio-scsi') add('-device', 'virtio-scsi-pci,id=scsi0');
  disks.forEach((path, i) => {
    const drive = `file=${path},cache=${c.diskCache},discard=${c.diskDiscard},format=${c.format}`;
    if (c.diskInterface === 'virtio-scsi') {
      add('-device', `scsi-hd,bus=scsi0.0,drive=drive${i}`);
      add('-drive', `if=none,id=drive${i},${drive}`);
    } else {
      add('-drive', `${drive},if=${c.diskInterface}`);
    }
  });
  if (!c.diskImage) {
    add('-drive', `file=${x.isoPath},media=cdrom`);
    add('-boot', 'once=d');
  }
  if (x.floppyPath) add('-fda', x.floppyPath);
  add('-m', `${c.memory}M`);
  add('-smp', `cpus=${c.cpus},sockets=${c.cpus}`);
  if (c.cpuModel) add('-cpu', c.cpuModel);
  else if (x.accelerator === 'kvm') add('-cpu', 'host');
  add('-vnc', `${c.vncBindAddress}:${x.vncPort - 5900}`);
  add('-display', 'none');
  const userSet = new Set<string>();
  for (const entry of c.qemuArgs) {
    const [flag, ...values] = entry.map((a) => renderTemplate(a, x.templateData));
    if (!flag) continue;
    if (defaults.has(flag) && !userSet.has(flag)) {
      defaults.set(flag, []);
    }
    userSet.add(flag);
    const list = defaults.get(flag) ?? [];
    list.push(values);
    defaults.set(flag, list);
  }
  const out: string[] = [];
  for (const [flag, lists] of defaults) for (const values of lists) out.push(flag, ...values);
  return out;
}
