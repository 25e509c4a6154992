import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasStackTrace, kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';

/**
 * Packer's own QEMU plugin (packer-plugin-qemu v1.1.7, unchanged, built by
 * test/env/up.sh packerqemu) runs the QEMU test guest's build through the
 * Packer plugin bridge: kiln plugins install -path, the builder over Packer's
 * plugin protocol, Kiln's shell and file provisioners through the builder's
 * SSH communicator (the Hook), the artifact, cancellation and a crash.
 */
const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const plugin = process.env.KILN_PACKER_QEMU_PLUGIN ?? join(stateDir, 'packer-plugin-qemu');
const guest = join(stateDir, 'guest');
const iso = join(guest, 'kiln-guest.iso');
const key = join(guest, 'id_ed25519');
const unique = `${process.pid}-${Date.now().toString(36)}`;
/** Installed under another source, so the type is "packerqemu" and Kiln's own qemu plugin does not shadow it. */
const SOURCE = 'github.com/kiln-test/packerqemu';

function need(): void {
  assert.ok(existsSync(plugin), `${plugin} is missing: run \`bash test/env/up.sh packerqemu\``);
  assert.ok(existsSync(iso), `${iso} is missing: run \`bash test/env/up.sh guest\``);
}

/** PIDs of processes whose command line mentions `needle`. */
function processes(needle: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes(needle)) pids.push(Number(d));
    } catch {}
  }
  return pids;
}

function template(name: string, extra: string, provisioners = ''): string {
  return `
source "packerqemu" "${name}" {
  iso_url              = "${iso}"
  iso_checksum         = "file:${iso}.sha256"
  accelerator          = "tcg"
  memory               = 256
  disk_size            = "64M"
  vm_name              = "kiln-bridge-${name}-${unique}"
  http_bind_address    = "127.0.0.1"
  boot_key_interval    = "30ms"
  headless             = true
  ssh_username         = "root"
  ssh_private_key_file = "${key}"
  http_directory       = "http"
  # 10.0.2.2 is the host's loopback seen from QEMU's user network.
  boot_command         = ["c<wait>kiln_boot kiln_http=10.0.2.2:{{ .HTTPPort }}<enter>"]
  shutdown_command     = "poweroff"
  ssh_timeout          = "2m"
${extra}
}
build {
  sources = ["source.packerqemu.${name}"]
${provisioners}
}
`;
}

describe('Packer plugin bridge: packer-plugin-qemu builds the test guest', { timeout: 900_000 }, () => {
  let pluginPath = '';
  let tmp = '';
  const env = () => ({ KILN_PLUGIN_PATH: pluginPath, TMPDIR: tmp });

  before(async () => {
    pluginPath = mkdtempSync(join(tmpdir(), 'kiln-bridge-plugins-'));
    tmp = mkdtempSync(join(tmpdir(), 'kiln-bridge-tmp-'));
  });
  after(() => {
    rmSync(pluginPath, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  it('installs the binary with kiln plugins install -path, in Packer’s layout, and lists it', async () => {
    need();
    const r = await kiln(['plugins', 'install', '-path', plugin, SOURCE], tmpdir(), env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const file = join(pluginPath, 'packer', SOURCE, 'packer-plugin-packerqemu_v1.1.7_x5.0_linux_amd64');
    assert.ok(existsSync(file), r.stdout);
    const sum = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
    assert.equal(readFileSync(`${file}_SHA256SUM`, 'utf8').trim(), sum);
    // The same binary under Packer's own source: Kiln's npm qemu plugin serves "qemu" and the listing says so.
    const same = await kiln(
      ['plugins', 'install', '-path', plugin, 'github.com/hashicorp/qemu'],
      tmpdir(),
      env(),
    );
    assert.equal(same.code, 0, same.stdout + same.stderr);
    const listed = await kiln(['plugins', 'installed'], tmpdir(), env());
    assert.match(
      listed.stdout,
      /github\.com\/hashicorp\/qemu 1\.1\.7 \(Packer plugin binary: .*\)\n {2}builder: qemu \(not used: @kiln\/plugin-qemu serves it; npm plugins come first\)\n/,
    );
    assert.match(
      listed.stdout,
      /github\.com\/kiln-test\/packerqemu 1\.1\.7 \(Packer plugin binary: .*\)\n {2}builder: packerqemu\n/,
    );
  });

  it('builds: boot command over VNC, Kiln’s provisioners over the plugin’s SSH communicator, qcow2 artifact', async () => {
    need();
    const proof = `served-${unique}`;
    const provisioners = `
  provisioner "shell" {
    inline = ["test -s /run/kiln-http", "(echo KILN-BRIDGE-${unique}; cat /run/kiln-http) | dd of=/dev/vda conv=fsync 2>/dev/null", "echo wrote the marker"]
  }
  provisioner "file" {
    direction   = "download"
    source      = "/run/kiln-http"
    destination = "downloaded.txt"
  }`;
    await withTemplate({ 'q.pkr.hcl': template('box', '', provisioners) }, async (dir) => {
      mkdirSync(join(dir, 'http'));
      writeFileSync(join(dir, 'http', 'kiln-http.txt'), proof);
      const r = await kiln(['build', '-color=false', 'q.pkr.hcl'], dir, env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      for (const line of [
        '==> packerqemu.box: Typing the boot commands over VNC...',
        '==> packerqemu.box: Connected to SSH!',
        '    packerqemu.box: wrote the marker',
        '==> packerqemu.box: Gracefully halting virtual machine...',
      ])
        assert.ok(r.stdout.includes(line), `missing "${line}" in:\n${r.stdout}`);
      assert.match(r.stdout, /--> packerqemu\.box: VM files in directory: output-box/);
      assert.equal(readFileSync(join(dir, 'downloaded.txt'), 'utf8'), proof);
      const disk = join(dir, 'output-box', `kiln-bridge-box-${unique}`);
      const info = JSON.parse(
        execFileSync('qemu-img', ['info', '--output=json', disk], { encoding: 'utf8' }),
      );
      assert.equal(info.format, 'qcow2');
      const raw = join(dir, 'disk.raw');
      execFileSync('qemu-img', ['convert', '-O', 'raw', disk, raw]);
      assert.ok(
        readFileSync(raw).subarray(0, 4096).toString('latin1').includes(`KILN-BRIDGE-${unique}\n${proof}`),
      );
      assert.deepEqual(processes(`kiln-bridge-box-${unique}`), [], 'QEMU is left running');
      assert.deepEqual(processes('packer-plugin-packerqemu'), [], 'a plugin process is left running');
      assert.deepEqual(readdirSync(tmp), [], 'temp files are left behind');
    });
  });

  it('reports the plugin’s configuration errors at the source block, with no stack trace', async () => {
    need();
    await withTemplate({ 'q.pkr.hcl': template('bad', '  format = "vhd"') }, async (dir) => {
      const r = await kiln(['validate', 'q.pkr.hcl'], dir, env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /invalid format, only 'qcow2' or 'raw' are allowed/);
      assert.match(r.stderr, /on q\.pkr\.hcl line 2:/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
    });
    await withTemplate({ 'q.pkr.hcl': template('typo', '  memroy = 512') }, async (dir) => {
      const r = await kiln(['validate', 'q.pkr.hcl'], dir, env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /memroy/);
      assert.match(r.stderr, /on q\.pkr\.hcl line \d+:/);
      assert.deepEqual(processes('packer-plugin-packerqemu'), []);
    });
  });

  it('Ctrl-C during the boot wait cancels the builder: its cleanup runs, nothing is left', async () => {
    need();
    await withTemplate({ 'q.pkr.hcl': template('cancel', '  boot_wait = "45s"') }, async (dir) => {
      mkdirSync(join(dir, 'http'));
      const run = startKiln(['build', '-color=false', 'q.pkr.hcl'], dir, env());
      await waitFor(() => run.stdout().includes('Waiting 45s for boot'), 90_000, 'the boot wait');
      run.child.kill('SIGINT');
      const r = await run.done;
      assert.notEqual(r.code, 0);
      assert.match(r.stdout + r.stderr, /cancel|interrupt/i);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      assert.deepEqual(processes(`kiln-bridge-cancel-${unique}`), [], 'QEMU is left running');
      assert.deepEqual(processes('packer-plugin-packerqemu'), [], 'a plugin process is left running');
      assert.ok(!existsSync(join(dir, 'output-cancel')), 'the output directory is left behind');
      assert.deepEqual(readdirSync(tmp), []);
    });
  });

  it('a plugin killed mid-build is reported with its name, version, signal and stderr tail', async () => {
    need();
    await withTemplate({ 'q.pkr.hcl': template('crash', '  boot_wait = "45s"') }, async (dir) => {
      mkdirSync(join(dir, 'http'));
      const run = startKiln(['build', '-color=false', 'q.pkr.hcl'], dir, env());
      await waitFor(() => run.stdout().includes('Waiting 45s for boot'), 90_000, 'the boot wait');
      for (const pid of processes('packer-plugin-packerqemu')) process.kill(pid, 'SIGKILL');
      const r = await run.done;
      assert.notEqual(r.code, 0);
      const out = r.stdout + r.stderr;
      assert.match(out, /plugin "github\.com\/kiln-test\/packerqemu" 1\.1\.7/);
      assert.match(out, /signal SIGKILL/);
      assert.match(out, /Last lines of its stderr/);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      // QEMU was started by the killed plugin: Packer leaves it too; remove it here.
      for (const pid of processes(`kiln-bridge-crash-${unique}`)) process.kill(pid, 'SIGKILL');
    });
  });
});
