import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './context.js';
import { summarise } from './measure.js';
import { type BenchSection, fmtMs } from './report.js';

interface Timed {
  ms: number;
  code: number | null;
  typed: boolean;
  restored: boolean;
}

function build(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const [command, ...args] = argv as [string, ...string[]];
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 && process.env.KILN_BENCH_VERBOSE) process.stderr.write(out.slice(-3000));
      resolve({
        ms: Number(process.hrtime.bigint() - start) / 1e6,
        code,
        typed: out.includes('Typing the boot command'),
        restored: out.includes('Step cache: restored provisioner 1'),
      });
    });
  });
}

/**
 * kiln build -cache on the qemu test guest (typed boot command, two shell
 * provisioners): a full rebuild (no entry for the chain: ISO boot, boot
 * command, both steps) against a resume at step 2 (its script changed:
 * the VM starts from step 1's saved state), under TCG.
 */
export async function stepCacheQemuBench(ctx: BenchContext): Promise<BenchSection> {
  const title = 'Step cache: kiln build -cache, qemu resume against a full rebuild';
  const state = process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
  const iso = join(state, 'guest', 'kiln-guest.iso');
  if (!existsSync(iso))
    return { title, rows: [], notes: [`not run: needs the test guest ${iso} (test/env/up.sh guest)`] };
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-qcache-'));
  const env = { KILN_CACHE_DIR: join(dir, 'cache') };
  const runs = Math.max(2, Math.min(ctx.runs, 3));
  const script = (salt: string) =>
    writeFileSync(
      join(dir, 's2.sh'),
      `#!/bin/sh\necho ${salt} | dd of=/dev/vda bs=512 seek=8 conv=fsync 2>/dev/null\n`,
    );
  try {
    writeFileSync(
      join(dir, 't.pkr.hcl'),
      `source "qemu" "bench" {
  iso_url              = "${iso}"
  iso_checksum         = "file:${iso}.sha256"
  accelerator          = "tcg"
  memory               = 256
  disk_size            = "64M"
  http_bind_address    = "127.0.0.1"
  boot_wait            = "3s"
  boot_key_interval    = "30ms"
  boot_command         = ["c<wait>kiln_boot<enter>"]
  ssh_username         = "root"
  ssh_private_key_file = "${join(state, 'guest', 'id_ed25519')}"
  ssh_timeout          = "3m"
  shutdown_command     = "poweroff"
}
build {
  sources = ["source.qemu.bench"]
  provisioner "shell" {
    inline           = ["echo one-$SALT | dd of=/dev/vda conv=fsync 2>/dev/null"]
    environment_vars = ["SALT=\${var.salt}"]
  }
  provisioner "shell" { script = "s2.sh" }
}
variable "salt" { type = string }
`,
    );
    const full: Timed[] = [];
    const resume: Timed[] = [];
    const kiln = (salt: string) =>
      build([...ctx.kiln, 'build', '-cache', '-force', `-var=salt=${salt}`, 't.pkr.hcl'], dir, env);
    for (let i = 0; i < runs; i++) {
      const salt = randomBytes(4).toString('hex');
      script(`two-${salt}`);
      full.push(await kiln(salt));
      script(`two-${salt}-b`);
      resume.push(await kiln(salt));
    }
    const ok = (xs: Timed[]) => xs.filter((x) => x.code === 0);
    const f = summarise(ok(full).map((x) => x.ms));
    const r = summarise(ok(resume).map((x) => x.ms));
    const skipped = ok(resume).every((x) => x.restored && !x.typed) && ok(resume).length > 0;
    const failed = full.length + resume.length - ok(full).length - ok(resume).length;
    return {
      title,
      rows: [
        {
          benchmark: 'resume at step 2 (its script changed) against a full rebuild, qemu test guest (TCG)',
          kiln: fmtMs(r),
          peer: fmtMs(f),
          peerName: 'the same build with no entry',
          target: 'the resume skips boot and install',
          verdict: skipped ? 'met' : 'missed',
          note: `${(r.median / f.median).toFixed(2)}x${failed ? `; ${failed} builds failed` : ''}`,
        },
      ],
      notes: [
        'Each round uses a new salt (no entry for the chain: ISO boot, typed boot command, both provisioners, each saved), then changes the second script: the resume starts QEMU from the VM state saved after step 1 (-loadvm), types no boot command and runs step 2. Both include saving each step that ran (savevm into a qcow2 layer) and writing the final disk.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
