import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kiln, withTemplate } from './cli-helpers.js';
import { GUEST_BOOT_WAIT } from './qemu-guest.js';

const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const iso = join(stateDir, 'guest', 'kiln-guest.iso');
// Root's password in the guest (test/env/make-guest.sh): a string found
// nowhere else, since the build masks it wherever it occurs in its output.
const passwordFile = join(stateDir, 'guest', 'root-password');
const sshdKey = join(stateDir, 'sshd', 'id_ed25519');
const sshdPort = Number(process.env.KILN_SSHD_PORT ?? 2222);
const sshdPid = join(stateDir, 'sshd.pid');
const have = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
const sshdUp = (() => {
  try {
    process.kill(Number(readFileSync(sshdPid, 'utf8')), 0);
    return existsSync(sshdKey);
  } catch {
    return false;
  }
})();
const skip = !existsSync(iso)
  ? `needs the test guest ${iso} (test/env/up.sh guest)`
  : !existsSync(passwordFile)
    ? `the test guest predates ${passwordFile}: build it again (test/env/up.sh guest)`
    : !have('qemu-system-x86_64')
      ? 'needs qemu-system-x86_64 (apt-get install qemu-system-x86)'
      : !sshdUp
        ? `needs the loopback sshd as the bastion (test/env/up.sh sshd): no live ${sshdPid}`
        : false;
const user = process.env.USER ?? (process.getuid?.() === 0 ? 'root' : '');

describe('SSH communicator end to end (kiln build, QEMU guest behind the loopback sshd)', {
  skip,
  timeout: 300_000,
}, () => {
  it('password login through a bastion, sftp directory transfers, reconnect after an expected disconnect', async () => {
    const password = readFileSync(passwordFile, 'utf8').trim();
    const template = `
source "qemu" "ssh" {
  iso_url                  = "${iso}"
  iso_checksum             = "file:${iso}.sha256"
  accelerator              = "tcg"
  memory                   = 256
  disk_size                = "16M"
  vm_name                  = "kiln-e2e-ssh-${process.pid}"
  boot_wait                = "${GUEST_BOOT_WAIT}"
  boot_key_interval        = "30ms"
  boot_command             = ["c<wait>kiln_boot<enter>"]
  ssh_username             = "root"
  ssh_password             = "${password}"
  ssh_timeout              = "2m"
  ssh_file_transfer_method = "sftp"
  ssh_bastion_host         = "127.0.0.1"
  ssh_bastion_port         = ${sshdPort}
  ssh_bastion_username     = "${user}"
  ssh_bastion_private_key_file = "${sshdKey}"
  shutdown_command         = "poweroff"
  skip_compaction          = true
  qemuargs                 = [["-serial", "file:{{ .OutputDir }}/../serial.log"]]
}
build {
  sources = ["source.qemu.ssh"]
  provisioner "file" {
    source      = "tree/"
    destination = "/root/tree"
  }
  provisioner "shell" {
    inline = ["cat /root/tree/a.txt /root/tree/sub/b.txt", "echo $SSH_CONNECTION"]
  }
  provisioner "shell" {
    # $PPID is dropbear's process for this connection: killing it drops the
    # connection. The pause lets dropbear send the echo first (a busy guest
    # may not run it between the echo and the kill).
    inline            = ["echo going away", "sleep 1", "kill -9 $PPID", "sleep 10"]
    expect_disconnect = true
  }
  provisioner "shell" {
    inline = ["echo back after reconnect", "echo again > /root/tree/sub/after.txt"]
  }
  provisioner "file" {
    direction   = "download"
    source      = "/root/tree/"
    destination = "back/"
  }
}
`;
    await withTemplate({ 's.pkr.hcl': template }, async (dir) => {
      mkdirSync(join(dir, 'tree', 'sub'), { recursive: true });
      writeFileSync(join(dir, 'tree', 'a.txt'), 'file-a\n');
      writeFileSync(join(dir, 'tree', 'sub', 'b.txt'), 'file-b\n');
      // The debug log goes to stderr.
      const r = await kiln(['build', '-color=false', 's.pkr.hcl'], dir, { KILN_LOG: '1' });
      const serial = join(dir, 'serial.log');
      const all = `${r.stdout}${r.stderr}\n${existsSync(serial) ? readFileSync(serial, 'utf8') : ''}`;
      assert.equal(r.code, 0, all);
      assert.match(r.stdout, /qemu\.ssh: file-a\n.*qemu\.ssh: file-b/);
      assert.match(r.stdout, /qemu\.ssh: going away/);
      assert.match(r.stdout, /qemu\.ssh: back after reconnect/);
      assert.equal(readFileSync(join(dir, 'back', 'sub', 'b.txt'), 'utf8'), 'file-b\n');
      assert.equal(readFileSync(join(dir, 'back', 'sub', 'after.txt'), 'utf8'), 'again\n');
      // The password appears nowhere in the output, so nothing is masked.
      assert.doesNotMatch(r.stdout, /<sensitive>/);
      // One reconnect, the expected one. A command sent while the guest's
      // dropbear is still ending the previous sftp session loses its channel
      // (the command runs, unconfirmed, or dropbear drops the connection):
      // each transfer waits for its session to close first.
      assert.equal(r.stderr.match(/SSH reconnected/g)?.length, 1, all);
      assert.doesNotMatch(r.stderr, /did not confirm the command|SSH channel failed/, all);
      // shutdown_command reached the guest, which powered off: no failure, no reconnect.
      assert.match(
        r.stderr,
        /shutdown command exited with (0|2300218)|QEMU exited while the shutdown command ran/,
        all,
      );
      assert.doesNotMatch(r.stderr, /\[DEBUG\] shutdown command:/, all);
    });
  });
});
