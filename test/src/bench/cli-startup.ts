import type { BenchContext } from './context.js';
import { repeat } from './measure.js';
import { type BenchSection, fmtKiB, fmtMs } from './report.js';

/** `kiln version` cold wall time against `packer version` (target: as fast, ~70 ms here). */
export async function cliStartup(ctx: BenchContext): Promise<BenchSection> {
  const [node, ...kilnArgs] = ctx.kiln as [string, ...string[]];
  const kiln = await repeat(ctx.runs, 2, node, [...kilnArgs, 'version'], { cwd: ctx.repoRoot });
  const packer = ctx.packer ? await repeat(ctx.runs, 2, ctx.packer, ['version']) : undefined;
  const met = packer ? kiln.stats.median <= packer.stats.median * 1.1 : false;
  return {
    title: 'CLI start-up',
    rows: [
      {
        benchmark: '`version` wall time',
        kiln: fmtMs(kiln.stats),
        peer: packer ? fmtMs(packer.stats) : 'not installed',
        peerName: 'packer version',
        target: '<= Packer (within 10%)',
        verdict: packer ? (met ? 'met' : 'missed') : 'report',
      },
      {
        benchmark: '`version` peak RSS',
        kiln: fmtKiB(kiln.peakRssKiB),
        peer: packer ? fmtKiB(packer.peakRssKiB) : '-',
        peerName: 'packer version',
        target: 'report',
        verdict: 'report',
      },
    ],
    notes: [
      'Each command runs twice unmeasured first, so the page cache is warm for both: this is start-up cost, not disk.',
      kiln.failures ? `kiln version failed ${kiln.failures} times` : 'kiln version exited 0 every time.',
    ],
  };
}
