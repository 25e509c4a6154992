import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { BenchContext } from './context.js';
import { summarise } from './measure.js';
import { type BenchRow, type BenchSection, fmtMs } from './report.js';

interface PlayRun {
  ms: number;
  /** From "Executing Ansible:" to the end of the play (Ansible's own time, proxy included). */
  playMs: number;
  code: number | null;
}

function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<PlayRun> {
  return new Promise((resolve, reject) => {
    const [command, ...args] = argv as [string, ...string[]];
    const start = Date.now();
    let executing = 0;
    let finished = 0;
    let buf = '';
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      if (!executing && /Executing Ansible:/.test(buf)) executing = Date.now();
      if (!finished && /Build '.*' (finished|errored)/.test(buf)) finished = Date.now();
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 && process.env.KILN_BENCH_VERBOSE) process.stderr.write(buf.slice(-3000));
      resolve({
        ms: Date.now() - start,
        playMs: executing && finished ? finished - executing : Number.NaN,
        code,
      });
    });
  });
}

/**
 * The ansible provisioner's SSH proxy against Ansible connecting straight to
 * sshd: the same play of 50 raw tasks against the loopback sshd through the
 * null builder's SSH communicator, with use_proxy = true and false,
 * alternating.
 */
export async function ansibleProxy(ctx: BenchContext): Promise<BenchSection> {
  const title = 'Ansible: SSH proxy against a direct connection';
  const state = process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
  const bin = join(state, 'ansible-venv', 'bin');
  const key = join(state, 'sshd', 'id_ed25519');
  const missing = !existsSync(join(bin, 'ansible-playbook'))
    ? `needs ansible-core in ${bin} (test/env/up.sh ansible)`
    : !existsSync(join(state, 'sshd.pid')) || !existsSync(key)
      ? 'needs the loopback sshd (test/env/up.sh sshd)'
      : undefined;
  if (missing) return { title, rows: [], notes: [`not run: ${missing}`] };
  try {
    process.kill(Number(readFileSync(join(state, 'sshd.pid'), 'utf8')), 0);
  } catch {
    return { title, rows: [], notes: ['not run: the loopback sshd is not running (test/env/up.sh sshd)'] };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-ansible-'));
  const runs = Math.max(2, Math.min(ctx.runs, 3));
  try {
    const tasks = Array.from({ length: 50 }, (_, i) => `    - raw: echo task-${i}\n`).join('');
    writeFileSync(join(dir, 'play.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks}`);
    for (const proxy of [true, false]) {
      writeFileSync(
        join(dir, `${proxy}.pkr.hcl`),
        `source "null" "ssh" {
  ssh_host             = "127.0.0.1"
  ssh_port             = ${Number(process.env.KILN_SSHD_PORT ?? 2222)}
  ssh_username         = "root"
  ssh_private_key_file = "${key}"
}
build {
  sources = ["source.null.ssh"]
  provisioner "ansible" {
    playbook_file = "play.yml"
    user          = "root"
    use_proxy     = ${proxy}
  }
}
`,
      );
    }
    const env = { ...process.env, NO_COLOR: '1', PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    const viaProxy: PlayRun[] = [];
    const direct: PlayRun[] = [];
    for (let i = 0; i < runs; i++) {
      viaProxy.push(await run([...ctx.kiln, 'build', 'true.pkr.hcl'], dir, env));
      direct.push(await run([...ctx.kiln, 'build', 'false.pkr.hcl'], dir, env));
    }
    const ok = (xs: PlayRun[]) => xs.filter((x) => x.code === 0 && Number.isFinite(x.playMs));
    const failed = (xs: PlayRun[]) =>
      xs.length - ok(xs).length ? ` (${xs.length - ok(xs).length} failed)` : '';
    const play = (xs: PlayRun[]) => summarise(ok(xs).map((x) => x.playMs));
    const wall = (xs: PlayRun[]) => summarise(ok(xs).map((x) => x.ms));
    const pm = ok(viaProxy).length ? play(viaProxy).median : Number.NaN;
    const dm = ok(direct).length ? play(direct).median : Number.NaN;
    const ratio = pm / dm;
    const rows: BenchRow[] = [
      {
        benchmark: 'play of 50 raw tasks (Executing Ansible to the end of the build)',
        kiln: `${fmtMs(play(viaProxy))}${failed(viaProxy)} through the proxy`,
        peer: `${fmtMs(play(direct))}${failed(direct)}`,
        peerName: 'use_proxy = false (Ansible straight to sshd)',
        target: '<= 1.20x direct',
        verdict: Number.isFinite(ratio) ? (ratio <= 1.2 ? 'met' : 'missed') : 'report',
        ...(Number.isFinite(ratio) ? { note: `${ratio.toFixed(2)}x` } : {}),
      },
      {
        benchmark: 'whole kiln build (same play)',
        kiln: fmtMs(wall(viaProxy)),
        peer: fmtMs(wall(direct)),
        peerName: 'use_proxy = false',
        target: 'report',
        verdict: 'report',
      },
    ];
    return {
      title,
      rows,
      notes: [
        `${runs} runs each, alternating: the null builder's SSH communicator to the loopback sshd; with use_proxy = true Ansible's connections go to Kiln's proxy on 127.0.0.1, which runs each command over the communicator's SSH connection; with use_proxy = false Ansible connects to sshd itself. Both use Ansible's default connection sharing (ControlPersist).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
