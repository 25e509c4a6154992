import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasStackTrace, type KilnRun, kiln, startKiln } from './cli-helpers.js';
import { GUEST_BOOT_WAIT, GUEST_ISO, GUEST_KEY, guestMissing, qemuProcesses } from './qemu-guest.js';

const iso = GUEST_ISO;
const sshKey = GUEST_KEY;
const skip = guestMissing();

/** The cache-step events of a -output=json run, as "step:action". */
function cacheSteps(r: KilnRun): string[] {
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { type: string; step?: number; action?: string })
    .filter((e) => e.type === 'cache-step')
    .map((e) => `${e.step}:${e.action}`);
}

/** The UI lines of a -output=json run, as text. */
function text(r: KilnRun): string {
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { text?: string })
    .map((e) => e.text ?? '')
    .join('\n');
}

describe('kiln build -cache with the qemu builder (QEMU under TCG)', {
  skip,
  concurrency: false,
  timeout: 900_000,
}, () => {
  const nonce = randomBytes(5).toString('hex');
  let dir = '';
  let cache = '';
  let tmp = '';
  // Kiln's own temporary directory, so that what a run leaves in it (QEMU's monitor socket directory, ...) shows;
  // and no Docker Engine, so that kiln cache list / prune see only this suite's entries (the docker plugin's
  // are images shared by the whole machine, and other suites' runs own them).
  const env = () => ({
    KILN_CACHE_DIR: cache,
    TMPDIR: tmp,
    DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}`,
  });
  const runsLeft = () => readdirSync(join(cache, 'qemu', 'runs')).filter((n) => !n.startsWith('.'));
  const partial = () => readdirSync(join(cache, 'qemu', 'entries')).filter((n) => n.startsWith('.'));
  const entries = () => readdirSync(join(cache, 'qemu', 'entries')).filter((n) => !n.startsWith('.'));
  const template = `
source "qemu" "sc" {
  iso_url              = "${iso}"
  iso_checksum         = "file:${iso}.sha256"
  accelerator          = "tcg"
  memory               = 256
  disk_size            = "64M"
  vm_name              = "kiln-e2e-cache-${nonce}"
  http_bind_address    = "127.0.0.1"
  boot_wait            = "${GUEST_BOOT_WAIT}"
  boot_key_interval    = "30ms"
  boot_command         = ["c<wait>kiln_boot<enter>"]
  ssh_username         = "root"
  ssh_private_key_file = "${sshKey}"
  ssh_timeout          = "3m"
  shutdown_command     = "poweroff"
}
build {
  sources = ["source.qemu.sc"]
  provisioner "shell" {
    inline = ["echo ram-${nonce} > /root/step1", "echo DISK1-${nonce} | dd of=/dev/vda conv=fsync 2>/dev/null"]
  }
  provisioner "shell" { script = "s2.sh" }
}
`;
  const build = async (...extra: string[]) => {
    const r = await kiln(['build', '-cache', '-output=json', ...extra, 't.pkr.hcl'], dir, env());
    assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stdout + r.stderr);
    return r;
  };
  const clean = () => {
    assert.deepEqual(qemuProcesses(nonce), [], 'no QEMU process is left');
    assert.deepEqual(runsLeft(), [], 'no working directory is left');
    assert.deepEqual(partial(), [], 'no partial entry is left');
    assert.deepEqual(readdirSync(tmp), [], 'no temporary directory is left');
  };
  // Step 2 proves the restored guest kept its RAM: it copies /root/step1 onto the disk.
  const fixed = `#!/bin/sh\nset -e\n(echo STEP2-${nonce}; cat /root/step1) | dd of=/dev/vda bs=512 seek=8 conv=fsync 2>/dev/null\necho step two done\n`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-e2e-qcache-'));
    cache = join(dir, 'cache');
    tmp = join(dir, 'tmp');
    await mkdir(tmp);
    await writeFile(join(dir, 't.pkr.hcl'), template);
    await writeFile(join(dir, 's2.sh'), '#!/bin/sh\necho step two fails\nexit 3\n');
  });
  after(async () => {
    await kiln(['cache', 'prune', '-template', '.'], dir, env());
    for (const pid of qemuProcesses(nonce)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('a failure in step 2 keeps step 1; the fixed re-run starts from its VM state without the boot command', async () => {
    const cold = await build();
    assert.equal(cold.code, 1, cold.stdout + cold.stderr);
    const coldText = text(cold);
    assert.match(coldText, /Typing the boot command/);
    assert.match(coldText, /Step cache: saved provisioner 1 \(shell\) as .*entries/);
    assert.deepEqual(cacheSteps(cold), ['1:ran', '1:saved']);
    assert.equal(entries().length, 1);
    assert.ok(!existsSync(join(dir, 'output-sc')), 'the failed build removed its output directory');
    clean();

    await writeFile(join(dir, 's2.sh'), fixed);
    const warm = await build();
    assert.equal(warm.code, 0, warm.stdout + warm.stderr);
    const warmText = text(warm);
    assert.match(warmText, /Step cache: restored provisioner 1 \(shell\)/);
    assert.doesNotMatch(warmText, /Typing the boot command/);
    assert.doesNotMatch(warmText, /booting from CD-ROM/);
    assert.match(warmText, /step two done/);
    assert.deepEqual(cacheSteps(warm), ['1:restored', '2:ran', '2:saved']);
    const disk = join(dir, 'output-sc', `kiln-e2e-cache-${nonce}`);
    const raw = join(dir, 'disk.raw');
    execFileSync('qemu-img', ['convert', '-O', 'raw', disk, raw]);
    const head = readFileSync(raw).subarray(0, 8192).toString('latin1');
    await rm(raw);
    assert.ok(head.startsWith(`DISK1-${nonce}\n`), 'step 1 wrote the disk');
    assert.equal(
      head
        .slice(4096, 4096 + 40)
        .split('\n')
        .slice(0, 2)
        .join('\n'),
      `STEP2-${nonce}\nram-${nonce}`,
    );
    const info = JSON.parse(
      execFileSync('qemu-img', ['info', '--output=json', disk], { encoding: 'utf8' }),
    ) as {
      'backing-filename'?: string;
      snapshots?: unknown[];
    };
    assert.equal(info['backing-filename'], undefined, 'the artifact is one file');
    assert.equal(info.snapshots, undefined, 'the artifact holds no VM state');
    clean();
  });

  it('kiln cache list shows the qemu entries', async () => {
    const r = await kiln(['cache', 'list', '-template', '.'], dir, env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('qemu '));
    assert.equal(rows.length, 2, r.stdout);
    assert.match(r.stdout, /1 shell/);
    assert.match(r.stdout, /2 shell/);
  });

  it('two concurrent runs resuming at step 2 both succeed; one entry for step 2, and it restores whole', async () => {
    const script = `#!/bin/sh\nset -e\n(echo CONC-${nonce}; cat /root/step1) | dd of=/dev/vda bs=512 seek=8 conv=fsync 2>/dev/null\n`;
    await writeFile(join(dir, 's2.sh'), script);
    // Same keys (output_directory is not in them), two output directories.
    await writeFile(
      join(dir, 'u.pkr.hcl'),
      template.replace('vm_name', 'output_directory     = "output-u"\n  vm_name'),
    );
    const before = entries().length;
    const run = (file: string) => kiln(['build', '-cache', '-force', '-output=json', file], dir, env());
    const [a, b] = await Promise.all([run('t.pkr.hcl'), run('u.pkr.hcl')]);
    for (const r of [a, b]) {
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.deepEqual(cacheSteps(r), ['1:restored', '2:ran', '2:saved']);
    }
    assert.equal(entries().length, before + 1, 'one entry for the new step 2');
    clean();
    const c = await build('-force');
    assert.equal(c.code, 0, c.stdout + c.stderr);
    assert.deepEqual(cacheSteps(c), ['1:restored', '2:restored']);
    const raw = join(dir, 'disk.raw');
    execFileSync('qemu-img', [
      'convert',
      '-O',
      'raw',
      join(dir, 'output-sc', `kiln-e2e-cache-${nonce}`),
      raw,
    ]);
    const head = readFileSync(raw).subarray(0, 8192).toString('latin1');
    await rm(raw);
    assert.ok(head.startsWith(`DISK1-${nonce}\n`));
    assert.equal(
      head
        .slice(4096, 4096 + 40)
        .split('\n')
        .slice(0, 2)
        .join('\n'),
      `CONC-${nonce}\nram-${nonce}`,
    );
    clean();
  });

  it('Ctrl-C while resuming leaves no QEMU, working directory or partial entry', async () => {
    const before = entries().length;
    await writeFile(join(dir, 's2.sh'), `#!/bin/sh\necho waiting-${nonce}\nsleep 120\n`);
    const run = startKiln(['build', '-cache', '-force', 't.pkr.hcl'], dir, env());
    const deadline = Date.now() + 100_000;
    while (!run.stdout().includes(`waiting-${nonce}`) && run.child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    assert.match(run.stdout(), /Step cache: restored provisioner 1/);
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.notEqual(r.code, 0);
    assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stdout + r.stderr);
    clean();
    assert.equal(entries().length, before, 'the cancelled step saved nothing');
  });

  it('damaged entries are misses: a layer qemu-img cannot open, a state QEMU does not load; the build starts from scratch', async () => {
    await writeFile(join(dir, 's2.sh'), fixed);
    const metas = (await readdir(join(cache, 'qemu', 'entries'))).map(
      (key) =>
        JSON.parse(readFileSync(join(cache, 'qemu', 'entries', key, 'entry.json'), 'utf8')) as {
          key: string;
          info: { step: number };
        },
    );
    const layerOf = (step: number) =>
      join(cache, 'qemu', 'entries', metas.find((m) => m.info.step === step)!.key, 'disk.qcow2');
    // Step 2's layer is garbage (qemu-img refuses it: a miss before the build); step 1's keeps its
    // disk but not its VM state (it passes the check, then QEMU's -loadvm fails).
    for (const m of metas.filter((x) => x.info.step === 2))
      await writeFile(join(cache, 'qemu', 'entries', m.key, 'disk.qcow2'), 'not a qcow2 image');
    execFileSync('qemu-img', ['snapshot', '-d', 'kiln', layerOf(1)]);
    execFileSync('qemu-img', ['snapshot', '-c', 'kiln', layerOf(1)]);
    const r = await build('-force');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const t = text(r);
    assert.match(t, /Step cache: starting from the state after provisioner 1/);
    assert.match(t, /does not start \(.*\); starting from scratch/);
    assert.match(t, /Typing the boot command/);
    assert.deepEqual(cacheSteps(r), ['1:ran', '1:saved', '2:ran', '2:saved']);
    assert.doesNotMatch(t, /could not save/);
    clean();
    const again = await build('-force');
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.deepEqual(cacheSteps(again), ['1:restored', '2:restored'], 'the entries were saved again, whole');
    clean();
  });

  it('kiln cache prune removes them', async () => {
    const r = await kiln(['cache', 'prune', '-template', '.'], dir, env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Removed .*entries/);
    assert.deepEqual(entries(), []);
  });
});
