import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { hasStackTrace, kiln, withTemplate } from './cli-helpers.js';
import { GUEST_BOOT_WAIT, GUEST_ISO, GUEST_KEY, guestMissing } from './qemu-guest.js';
import { kilnOnTerminal, pressEnterAtEachPause, requireScript } from './terminal.js';

/** -on-error=abort, kiln cleanup and -debug with the qemu builder: the kiln binary, QEMU under TCG, the test guest. */

const iso = GUEST_ISO;
const key = GUEST_KEY;
const unique = `${process.pid}-${Date.now().toString(36)}`;

const template = (name: string, provisioner: string) => `
source "qemu" "${name}" {
  iso_url              = "${iso}"
  iso_checksum         = "file:${iso}.sha256"
  accelerator          = "tcg"
  memory               = 256
  disk_size            = "64M"
  vm_name              = "kiln-policy-${name}-${unique}"
  output_directory     = "out-${name}"
  boot_wait            = "${GUEST_BOOT_WAIT}"
  boot_key_interval    = "30ms"
  boot_command         = ["c<wait>kiln_boot<enter>"]
  ssh_username         = "root"
  ssh_private_key_file = "${key}"
  ssh_timeout          = "3m"
  shutdown_command     = "poweroff"
}
build {
  sources = ["source.qemu.${name}"]
  provisioner "shell" { inline = [${provisioner}] }
}
`;

/** The QEMU process `pid` is running and carries the run's mark. */
function vmOfRun(pid: number, run: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`KILN_RUN=${run}`);
  } catch {
    return false;
  }
}

describe('build policy with the qemu builder (kiln binary, QEMU, test guest)', { timeout: 900_000 }, () => {
  before(() => {
    const missing = guestMissing();
    assert.ok(!missing, missing || '');
  });

  it('-on-error=abort leaves the VM running after kiln exits; kiln cleanup stops it and removes the output directory', async () => {
    await withTemplate({ 'q.pkr.hcl': template('abort', '"echo inside", "exit 7"') }, async (dir) => {
      const r = await kiln(['build', '-on-error=abort', 'q.pkr.hcl'], dir);
      const out = r.stdout + r.stderr;
      const pid = Number(/Leaving the VM running: QEMU process (\d+)/.exec(out)?.[1] ?? 0);
      const run = /kiln cleanup -run (\S+) -force/.exec(out)?.[1] ?? '';
      try {
        assert.equal(r.code, 1, out);
        assert.match(out, /qemu\.abort: inside/);
        assert.match(out, /Step "provision" failed, aborting\.\.\./);
        assert.ok(pid > 0 && run, out);
        assert.ok(!hasStackTrace(out), out);
        assert.ok(vmOfRun(pid, run), 'the VM still runs after kiln exited');
        assert.ok(existsSync(join(dir, 'out-abort')), 'the output directory is left too');
        const listed = await kiln(['cleanup', '-run', run], dir);
        assert.equal(listed.code, 0, listed.stdout + listed.stderr);
        assert.match(listed.stdout, new RegExp(`^qemu\\tvm\\t${pid}\\tlocal\\trun ${run}$`, 'm'));
        assert.ok(vmOfRun(pid, run), 'listing stops nothing');
        const removed = await kiln(['cleanup', '-run', run, '-force'], dir);
        assert.equal(removed.code, 0, removed.stdout + removed.stderr);
        assert.match(removed.stdout, /Removed 1 resource\(s\)\./);
        assert.equal(vmOfRun(pid, run), false, 'kiln cleanup stopped the VM');
        assert.equal(existsSync(join(dir, 'out-abort')), false, 'and removed the output directory');
      } finally {
        if (pid > 0 && vmOfRun(pid, run)) process.kill(pid, 'SIGKILL');
      }
    });
  });

  it('-debug pauses after each step and before each cleanup, with the VM running at the provision pause', async () => {
    requireScript();
    await withTemplate({ 'q.pkr.hcl': template('debug', '"echo inside"') }, async (dir) => {
      const run = kilnOnTerminal(['build', '-debug', 'q.pkr.hcl'], dir);
      let vmAtPause = false;
      try {
        const { pauses, code } = await pressEnterAtEachPause(run, (pause) => {
          if (pause !== 'after run of provision') return;
          const r = spawnSync('pgrep', ['-f', `kiln-policy-debug-${unique}`], { encoding: 'utf8' });
          vmAtPause = r.stdout.trim().length > 0;
        });
        assert.equal(code, 0, run.output());
        const after = pauses.filter((p) => p.startsWith('after run of ')).map((p) => p.slice(13));
        const cleanup = pauses.filter((p) => p.startsWith('before cleanup of ')).map((p) => p.slice(18));
        for (const step of [
          'output-directory',
          'create-disk',
          'run-vm',
          'boot-command',
          'connect',
          'provision',
        ])
          assert.ok(after.includes(step), `no pause after ${step}: ${pauses.join(', ')}`);
        assert.deepEqual(cleanup, [...after].reverse(), 'a pause before each cleanup, in reverse');
        assert.ok(vmAtPause, 'the VM runs while kiln waits after provisioning');
        assert.match(run.output(), /qemu\.debug: inside/);
      } finally {
        run.kill();
      }
    });
  });
});
