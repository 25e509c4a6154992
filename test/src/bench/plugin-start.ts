import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PluginHost, pluginFromPackageDir } from '@kiln/core';
import type { BenchContext } from './context.js';
import { summarise } from './measure.js';
import { type BenchSection, fmtMs } from './report.js';

/** user+system CPU time of a live process in ms, from /proc (10 ms ticks). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Spawn-to-first-call latency of a first-party plugin: from PluginHost.start()
 * (spawn, handshake, Connect, Describe) to its return; target <= 60 ms (issue 15).
 * Packer has no equivalent measurement to run side by side; the peer column
 * shows the plugin's own CPU time, which a busy machine inflates less.
 */
export async function pluginStart(ctx: BenchContext): Promise<BenchSection> {
  const pkg = await pluginFromPackageDir(join(ctx.repoRoot, 'plugins', 'docker'));
  const wall: number[] = [];
  const cpu: number[] = [];
  const shutdown: number[] = [];
  for (let i = 0; i < ctx.runs + 2; i++) {
    const host = new PluginHost({ logger: { enabled: false, log() {} } });
    await host.coreAddress();
    const t0 = performance.now();
    const plugin = await host.start(pkg.spec);
    const t1 = performance.now();
    const pluginCpu = plugin.process ? cpuMs(plugin.process.pid!) : 0;
    await host.shutdown();
    if (i < 2) continue;
    wall.push(t1 - t0);
    cpu.push(pluginCpu);
    shutdown.push(performance.now() - t1);
  }
  const w = summarise(wall);
  return {
    title: 'Plugin start',
    rows: [
      {
        benchmark: `${pkg.spec.name}: spawn to first call`,
        kiln: fmtMs(w),
        peer: `${summarise(cpu).median} ms CPU`,
        peerName: 'plugin CPU to first call',
        target: '<= 60 ms',
        verdict: w.median <= 60 ? 'met' : 'missed',
      },
      {
        benchmark: `${pkg.spec.name}: shutdown (Shutdown call to exit)`,
        kiln: fmtMs(summarise(shutdown)),
        peer: '-',
        peerName: '',
        target: 'report',
        verdict: 'report',
      },
    ],
    notes: [
      'Wall time covers spawn, handshake, Plugin.Connect and Plugin.Describe; two warm-up runs are not counted.',
      `Load average at the end: ${loadavg()[0]!.toFixed(1)} (on ${cpus().length} cores, shared with other work).`,
    ],
  };
}
