import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './context.js';
import { summarise } from './measure.js';
import { type BenchRow, type BenchSection, fmtMs } from './report.js';

interface QemuRun {
  ms: number;
  /** From "Typing the boot command" to "Connected to SSH!". */
  bootToSshMs: number;
  code: number | null;
}

/** Runs a build and times it, and the boot-to-SSH span from its output lines. */
function run(command: string, args: string[], cwd: string): Promise<QemuRun> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    let typed = 0;
    let connected = 0;
    let buf = '';
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      if (!typed && /Typing the boot command/.test(buf)) typed = Date.now();
      if (!connected && /Connected to SSH!/.test(buf)) connected = Date.now();
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 && process.env.KILN_BENCH_VERBOSE) process.stderr.write(buf.slice(-3000));
      resolve({
        ms: Date.now() - start,
        bootToSshMs: typed && connected ? connected - typed : Number.NaN,
        code,
      });
    });
  });
}

/**
 * The qemu builder on the test guest (a typed boot command, SSH, a shell
 * provisioner, shutdown, qcow2), Kiln against packer 1.6.6's qemu builder on
 * the same legacy JSON template, under TCG.
 */
export async function qemuBuild(ctx: BenchContext): Promise<BenchSection> {
  const state = process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
  const iso = join(state, 'guest', 'kiln-guest.iso');
  if (!existsSync(iso)) {
    return {
      title: 'QEMU builds',
      rows: [],
      notes: [`not run: needs the test guest ${iso} (test/env/up.sh guest)`],
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-qemu-'));
  const runs = Math.max(2, Math.min(ctx.runs, 3));
  try {
    mkdirSync(join(dir, 'http'));
    writeFileSync(join(dir, 'http', 'kiln-http.txt'), 'bench');
    const template = (out: string) =>
      JSON.stringify({
        builders: [
          {
            type: 'qemu',
            iso_url: iso,
            iso_checksum: `file:${iso}.sha256`,
            accelerator: 'tcg',
            memory: 256,
            disk_size: '64M',
            headless: true,
            output_directory: out,
            http_directory: 'http',
            boot_wait: '3s',
            boot_key_interval: '30ms',
            boot_command: ['c<wait>kiln_boot kiln_http={{ .HTTPIP }}:{{ .HTTPPort }}<enter>'],
            ssh_username: 'root',
            ssh_private_key_file: join(state, 'guest', 'id_ed25519'),
            ssh_timeout: '3m',
            shutdown_command: 'poweroff',
          },
        ],
        provisioners: [{ type: 'shell', inline: ['echo bench | dd of=/dev/vda conv=fsync 2>/dev/null'] }],
      });
    const [node, ...kilnArgs] = ctx.kiln as [string, ...string[]];
    const k: QemuRun[] = [];
    const p: QemuRun[] = [];
    for (let i = 0; i < runs; i++) {
      writeFileSync(join(dir, `k${i}.json`), template(`out-k${i}`));
      k.push(await run(node, [...kilnArgs, 'build', `k${i}.json`], dir));
      if (ctx.packer) {
        writeFileSync(join(dir, `p${i}.json`), template(`out-p${i}`));
        p.push(await run(ctx.packer, ['build', `p${i}.json`], dir));
      }
    }
    const ok = (xs: QemuRun[]) => xs.filter((x) => x.code === 0);
    const wall = (xs: QemuRun[]) => summarise(ok(xs).map((x) => x.ms));
    const boot = (xs: QemuRun[]) =>
      ok(xs)
        .map((x) => x.bootToSshMs)
        .filter((v) => Number.isFinite(v));
    const spread = (xs: number[]) =>
      xs.length
        ? `${(Math.min(...xs) / 1000).toFixed(1)}–${(Math.max(...xs) / 1000).toFixed(1)} s (n=${xs.length})`
        : 'n/a';
    const km = wall(k).median;
    const pm = p.length && ok(p).length ? wall(p).median : Number.NaN;
    const failed = (xs: QemuRun[]) => xs.length - ok(xs).length;
    const rows: BenchRow[] = [
      {
        benchmark: 'qemu build: typed boot command, SSH, shell, shutdown, qcow2 (TCG)',
        kiln: `${fmtMs(wall(k))}${failed(k) ? ` (${failed(k)} failed)` : ''}`,
        peer: p.length ? `${fmtMs(wall(p))}${failed(p) ? ` (${failed(p)} failed)` : ''}` : 'not installed',
        peerName: 'packer build',
        target: '<= 0.75x Packer',
        verdict: Number.isFinite(pm) ? (km <= 0.75 * pm ? 'met' : 'missed') : 'report',
        note: Number.isFinite(pm) ? `${(km / pm).toFixed(2)}x` : undefined,
      },
      {
        benchmark: 'boot command typed to SSH connected (spread)',
        kiln: spread(boot(k)),
        peer: p.length ? spread(boot(p)) : '-',
        peerName: 'packer build',
        target: 'report',
        verdict: 'report',
      },
    ];
    return {
      title: 'QEMU builds',
      rows,
      notes: [
        `${runs} runs each, alternating, on the test guest from test/env/make-guest.sh; accelerator tcg.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
