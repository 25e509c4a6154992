import { readdir, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LeftoverFinder, processAlive } from '@kiln/plugin-sdk';

/** Environment variables on every QEMU process a build starts: the run id, the build, and the output directory it made. */
export const RUN_MARK = 'KILN_RUN';
export const BUILD_MARK = 'KILN_BUILD';
export const OUTPUT_DIR_MARK = 'KILN_OUTPUT_DIR';
/** The plugin process that started the VM: VMs of live plugins are builds still running. */
export const OWNER_MARK = 'KILN_OWNER_PID';

/** A QEMU process a build left running (-on-error=abort, or a killed plugin). */
export interface VmLeftover {
  pid: number;
  run: string;
  build: string;
  /** The output directory the build made (removed with the VM), if it made one. */
  outputDir?: string;
}

async function environOf(pid: number): Promise<Map<string, string> | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/environ`, 'latin1');
    const env = new Map<string, string>();
    for (const entry of text.split('\0')) {
      const i = entry.indexOf('=');
      if (i > 0) env.set(entry.slice(0, i), entry.slice(i + 1));
    }
    return env;
  } catch {
    return undefined; // gone, or not ours
  }
}

/** The QEMU processes of this user that carry a build's marks; `run` narrows to one run id. */
export async function findVmLeftovers(run?: string): Promise<VmLeftover[]> {
  let names: string[] = [];
  try {
    names = await readdir('/proc');
  } catch {
    return [];
  }
  const out: VmLeftover[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const env = await environOf(pid);
    const mark = env?.get(RUN_MARK);
    if (!env || !mark || (run && mark !== run)) continue;
    const owner = Number(env.get(OWNER_MARK) ?? 0);
    if (owner > 0 && owner !== process.pid && processAlive(owner)) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => '');
    if (!/qemu-system-/.test(cmd.split('\0')[0] ?? '')) continue;
    const outputDir = env.get(OUTPUT_DIR_MARK);
    out.push({ pid, run: mark, build: env.get(BUILD_MARK) ?? '', ...(outputDir ? { outputDir } : {}) });
  }
  return out;
}

/** Stops a left VM (TERM, then KILL after 5 s) and removes the output directory its build made. */
export async function removeVmLeftover(vm: VmLeftover): Promise<void> {
  if (processAlive(vm.pid)) process.kill(vm.pid, 'SIGTERM');
  for (let i = 0; i < 50 && processAlive(vm.pid); i++) await sleep(100);
  if (processAlive(vm.pid)) process.kill(vm.pid, 'SIGKILL');
  for (let i = 0; i < 50 && processAlive(vm.pid); i++) await sleep(100);
  if (processAlive(vm.pid)) throw new Error(`QEMU process ${vm.pid} does not stop`);
  if (vm.outputDir) await rm(vm.outputDir, { recursive: true, force: true });
}

/** The qemu plugin's leftovers service: QEMU processes of builds whose plugin is gone, and their output directories. */
export function qemuLeftovers(): LeftoverFinder {
  return {
    async list(scope) {
      const vms = await findVmLeftovers(scope.run);
      return {
        leftovers: vms.map((vm) => ({
          kind: 'vm',
          id: String(vm.pid),
          run: vm.run,
          location: 'local',
          detail: { build: vm.build, ...(vm.outputDir ? { outputDir: vm.outputDir } : {}) },
        })),
        notes: [],
      };
    },
    async remove(leftovers) {
      const removed: string[] = [];
      const failed: string[] = [];
      for (const l of leftovers) {
        const outputDir = l.detail?.outputDir;
        const vm: VmLeftover = {
          pid: Number(l.id),
          run: l.run,
          build: String(l.detail?.build ?? ''),
          ...(typeof outputDir === 'string' ? { outputDir } : {}),
        };
        // Only a process that still carries the run's marks is stopped (the pid may have been reused).
        const still = (await findVmLeftovers(l.run)).some((v) => v.pid === vm.pid);
        try {
          if (still) await removeVmLeftover(vm);
          else if (vm.outputDir) await rm(vm.outputDir, { recursive: true, force: true });
          removed.push(
            `Stopped QEMU process ${vm.pid}${vm.outputDir ? ` and removed ${vm.outputDir}` : ''} (run ${vm.run})`,
          );
        } catch (error) {
          failed.push(`vm ${vm.pid}: ${(error as Error).message}`);
        }
      }
      return { removed, failed };
    },
  };
}
