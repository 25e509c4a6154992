import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  describePackerPlugin,
  disposeAllPackerProcesses,
  type PackerBinary,
  packerComponent,
} from '@kiln/core';
import { packer116 } from '../reference-packer.js';
import type { BenchContext } from './context.js';
import { summarise } from './measure.js';
import { type BenchRow, type BenchSection, fmtMs } from './report.js';

const TITLE = 'Packer plugin bridge';

/** The source both Kiln and Packer 1.16 install the binary under: its builder type is "packerqemu". */
const SOURCE = 'github.com/kiln-test/packerqemu';

interface BuildRun {
  ms: number;
  code: number | null;
  /** CPU time (user + system) of the started process itself, not its children, in ms. */
  cpuMs: number;
}

/** user+system CPU time of a live process in ms, from /proc (0 when it is gone). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let tail = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    const keep = (c: Buffer) => {
      tail = (tail + c.toString()).slice(-3000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let cpu = 0;
    const poll = setInterval(() => {
      cpu = Math.max(cpu, cpuMs(child.pid));
    }, 200);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0 && process.env.KILN_BENCH_VERBOSE) process.stderr.write(tail);
      resolve({ ms: performance.now() - start, code, cpuMs: cpu });
    });
  });
}

/** The QEMU test guest's build (boot command over VNC, SSH, a shell provisioner, shutdown, qcow2) as HCL. */
function guestTemplate(type: string, state: string, out: string): string {
  const iso = join(state, 'guest', 'kiln-guest.iso');
  return `
source "${type}" "g" {
  iso_url              = "${iso}"
  iso_checksum         = "file:${iso}.sha256"
  accelerator          = "tcg"
  memory               = 256
  disk_size            = "64M"
  headless             = true
  output_directory     = "${out}"
  vm_name              = "kiln-bench-bridge-${out}"
  http_directory       = "http"
  http_bind_address    = "127.0.0.1"
  boot_wait            = "3s"
  boot_key_interval    = "30ms"
  # 10.0.2.2 is the host's loopback seen from QEMU's user network.
  boot_command         = ["c<wait>kiln_boot kiln_http=10.0.2.2:{{ .HTTPPort }}<enter>"]
  ssh_username         = "root"
  ssh_private_key_file = "${join(state, 'guest', 'id_ed25519')}"
  ssh_timeout          = "5m"
  shutdown_command     = "poweroff"
}
build {
  sources = ["source.${type}.g"]
  provisioner "shell" {
    inline = ["echo bench | dd of=/dev/vda conv=fsync 2>/dev/null"]
  }
}
`;
}

/**
 * Packer's own QEMU plugin (packer-plugin-qemu v1.1.7, built by
 * test/env/up.sh packerqemu) through the bridge: its start-up (describe, and
 * spawn to the first RPC answered), and the QEMU test guest's build through
 * the bridge, under Packer 1.16 with the same binary, and with Kiln's own
 * qemu plugin, side by side.
 */
export async function packerBridge(ctx: BenchContext): Promise<BenchSection> {
  const state = process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
  const plugin = process.env.KILN_PACKER_QEMU_PLUGIN ?? join(state, 'packer-plugin-qemu');
  const iso = join(state, 'guest', 'kiln-guest.iso');
  const missing = [
    !existsSync(plugin) && `${plugin} (test/env/up.sh packerqemu)`,
    !existsSync(iso) && `${iso} (test/env/up.sh guest)`,
    !existsSync(packer116) && `${packer116} (test/env/up.sh packer116)`,
  ].filter(Boolean);
  if (missing.length) return { title: TITLE, rows: [], notes: [`not run: needs ${missing.join(', ')}`] };

  // Start-up: `describe`, then spawn, handshake, yamux session and Builder.ConfigSpec answered.
  const describeMs: number[] = [];
  const startMs: number[] = [];
  const stopMs: number[] = [];
  let binary: PackerBinary | undefined;
  for (let i = 0; i < ctx.runs + 2; i++) {
    const t0 = performance.now();
    const description = await describePackerPlugin(plugin);
    const t1 = performance.now();
    binary = {
      source: SOURCE,
      pluginName: 'packerqemu',
      version: description.version,
      path: plugin,
      description,
    };
    const component = await packerComponent(binary, 'builder', 'packerqemu');
    const t2 = performance.now();
    if (!component) throw new Error(`${plugin} serves no builder`);
    await disposeAllPackerProcesses();
    const t3 = performance.now();
    if (i < 2) continue;
    describeMs.push(t1 - t0);
    startMs.push(t2 - t1);
    stopMs.push(t3 - t2);
  }

  // Builds: Kiln through the bridge, Packer 1.16 with the same binary, Kiln's own qemu plugin; in turn.
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-bridge-'));
  const runs = Math.max(1, Math.min(ctx.runs, 2));
  const load: number[] = [];
  const bridged: BuildRun[] = [];
  const packer: BuildRun[] = [];
  const own: BuildRun[] = [];
  try {
    mkdirSync(join(dir, 'http'));
    writeFileSync(join(dir, 'http', 'kiln-http.txt'), 'bench');
    const kilnEnv = { ...process.env, NO_COLOR: '1', KILN_PLUGIN_PATH: join(dir, 'kiln-plugins') };
    const packerEnv = {
      ...process.env,
      PACKER_PLUGIN_PATH: join(dir, 'packer-plugins'),
      CHECKPOINT_DISABLE: '1',
    };
    const [node, ...kiln] = ctx.kiln as [string, ...string[]];
    const installed = [
      await run(node, [...kiln, 'plugins', 'install', '-path', plugin, SOURCE], dir, kilnEnv),
      await run(packer116, ['plugins', 'install', '--path', plugin, SOURCE], dir, packerEnv),
    ];
    if (installed.some((r) => r.code !== 0)) throw new Error(`installing ${plugin} failed`);
    for (let i = 0; i < runs; i++) {
      writeFileSync(join(dir, `b${i}.pkr.hcl`), guestTemplate('packerqemu', state, `out-b${i}`));
      bridged.push(await run(node, [...kiln, 'build', `b${i}.pkr.hcl`], dir, kilnEnv));
      writeFileSync(join(dir, `p${i}.pkr.hcl`), guestTemplate('packerqemu', state, `out-p${i}`));
      packer.push(await run(packer116, ['build', `p${i}.pkr.hcl`], dir, packerEnv));
      writeFileSync(join(dir, `k${i}.pkr.hcl`), guestTemplate('qemu', state, `out-k${i}`));
      own.push(await run(node, [...kiln, 'build', `k${i}.pkr.hcl`], dir, kilnEnv));
      load.push(loadavg()[0] ?? 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ok = (xs: BuildRun[]) => xs.filter((x) => x.code === 0);
  const wall = (xs: BuildRun[]) => summarise(ok(xs).map((x) => x.ms));
  const shown = (xs: BuildRun[]) =>
    `${ok(xs).length ? fmtMs(wall(xs)) : 'n/a'}${xs.length - ok(xs).length ? ` (${xs.length - ok(xs).length} failed)` : ''}`;
  const ratio = (a: BuildRun[], b: BuildRun[]) =>
    ok(a).length && ok(b).length ? `${(wall(a).median / wall(b).median).toFixed(2)}x` : undefined;
  const rows: BenchRow[] = [
    {
      benchmark: `packer-plugin-qemu ${binary?.version}: \`describe\` (exec to JSON parsed)`,
      kiln: fmtMs(summarise(describeMs)),
      peer: '-',
      peerName: '',
      target: 'report',
      verdict: 'report',
    },
    {
      benchmark: 'packer-plugin-qemu: spawn to first call (handshake, yamux, Builder.ConfigSpec answered)',
      kiln: fmtMs(summarise(startMs)),
      peer: '-',
      peerName: '',
      target: 'report',
      verdict: 'report',
    },
    {
      benchmark: 'packer-plugin-qemu: shutdown (session closed to exit)',
      kiln: fmtMs(summarise(stopMs)),
      peer: '-',
      peerName: '',
      target: 'report',
      verdict: 'report',
    },
    {
      benchmark: 'qemu test guest build, packer-plugin-qemu through the bridge (TCG)',
      kiln: shown(bridged),
      peer: shown(packer),
      peerName: 'packer 1.16 build, same binary',
      target: 'report',
      verdict: 'report',
      note: ratio(bridged, packer),
    },
    {
      benchmark: 'CPU of the kiln process itself during the bridged build (not the plugin, not QEMU)',
      kiln: ok(bridged).length ? `${summarise(ok(bridged).map((x) => x.cpuMs)).median} ms` : 'n/a',
      peer: ok(packer).length ? `${summarise(ok(packer).map((x) => x.cpuMs)).median} ms` : 'n/a',
      peerName: 'the packer 1.16 process itself',
      target: 'report',
      verdict: 'report',
    },
    {
      benchmark: 'qemu test guest build, Kiln’s own qemu plugin (TCG)',
      kiln: shown(own),
      peer: shown(packer),
      peerName: 'packer 1.16 build, packer-plugin-qemu',
      target: 'report',
      verdict: 'report',
      note: ratio(own, packer),
    },
  ];
  return {
    title: TITLE,
    rows,
    notes: [
      `Start-up: ${ctx.runs} runs after two warm-up runs, in this process through @kiln/core (describePackerPlugin, packerComponent); Packer has no separate measurement of this.`,
      `Load average while building: ${summarise(load).median.toFixed(1)} (on ${cpus().length} cores). Under TCG the guest's boot (the span from typing the boot command to SSH connected, the same plugin code in both) takes most of a build and moves with the load.`,
      `Builds: ${runs} runs of each, in turn (bridge, Packer 1.16, Kiln's qemu plugin), of the same HCL template on the test guest from test/env/make-guest.sh; the binary is installed under ${SOURCE} for both Kiln and Packer, so its builder type is packerqemu.`,
    ],
  };
}
