// What the e2e suites that boot the test guest (test/env/make-guest.sh)
// share about it: where it is, what it needs, and how long to wait for it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The test environment's state directory (test/env/up.sh). */
export const TEST_ENV_DIR =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
/** The guest's directory: its ISO (with a .sha256 beside it) and root's SSH key. */
export const GUEST_DIR = join(TEST_ENV_DIR, 'guest');
export const GUEST_ISO = join(GUEST_DIR, 'kiln-guest.iso');
export const GUEST_KEY = join(GUEST_DIR, 'id_ed25519');

const have = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;

/** Why the guest cannot be booted here (what to run), or false when it can. */
export function guestMissing(): string | false {
  if (!existsSync(GUEST_ISO)) return `needs the test guest ${GUEST_ISO} (test/env/up.sh guest)`;
  if (!have('qemu-system-x86_64') || !have('qemu-img'))
    return 'needs qemu-system-x86_64 and qemu-img (apt-get install qemu-system-x86 qemu-utils)';
  return false;
}

/** PIDs of QEMU processes whose command line mentions `needle`. */
export function qemuProcesses(needle: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.startsWith('qemu-system') && cmd.includes(needle)) pids.push(Number(d));
    } catch {}
  }
  return pids;
}

/**
 * The boot_wait before the boot command is typed. The guest's GRUB menu
 * waits forever, so typing late costs only time, while keys typed before
 * GRUB reads the keyboard are lost and the guest never boots. GRUB is up
 * after a second or two under TCG on an idle machine; a full test run on
 * two busy cores has taken several times that.
 */
export const GUEST_BOOT_WAIT = '10s';
