import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './context.js';
import { paired, timedRun } from './measure.js';
import type { BenchRow, BenchSection } from './report.js';
import { fmtSide } from './template-commands.js';

/** An HCL2 template with `n` docker sources in one build, with a shell provisioner. */
function sourcesTemplate(n: number): string {
  const sources = Array.from(
    { length: n },
    (_, i) => `source "docker" "s${i}" {
  image   = "kiln-test/busybox:latest"
  pull    = false
  discard = true
  changes = ["ENV N=${i}"]
}
`,
  );
  const names = Array.from({ length: n }, (_, i) => `"source.docker.s${i}"`).join(', ');
  return `${sources.join('\n')}
build {
  sources = [${names}]
  provisioner "shell" {
    inline = ["echo \${source.name}"]
  }
}
`;
}

/** A legacy JSON template of `n` docker builders (discard) with one shell provisioner. */
function buildsTemplate(n: number): string {
  return JSON.stringify({
    builders: Array.from({ length: n }, (_, i) => ({
      type: 'docker',
      name: `b${i}`,
      image: 'kiln-test/busybox:latest',
      pull: false,
      discard: true,
    })),
    provisioners: [{ type: 'shell', inline: ['echo hello > /tmp/proof'] }],
  });
}

const growth = (xs: { n: number; ms: number }[]) =>
  xs
    .slice(1)
    .map((x, i) => `${xs[i]!.n}->${x.n}: x${(x.ms / xs[i]!.ms).toFixed(1)}`)
    .join(', ');

/**
 * How cost grows: `validate` of generated templates with 10, 100 and 1,000
 * docker sources (the docker plugin checks every one), and 1, 8 and 32
 * docker builds of one template run in parallel; Kiln and Packer 1.6.6
 * (docker is built into it) on the same templates.
 */
export async function growthBench(ctx: BenchContext): Promise<BenchSection> {
  if (!ctx.packer) throw new Error('needs Debian packer 1.6.6 (apt-get install packer)');
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-growth-'));
  const [node, ...kiln] = ctx.kiln as [string, ...string[]];
  const env = { ...process.env, KILN_PARSE_CACHE: '0', CHECKPOINT_DISABLE: '1', NO_COLOR: '1' };
  const rows: BenchRow[] = [];
  const kv: { n: number; ms: number }[] = [];
  const pv: { n: number; ms: number }[] = [];
  try {
    for (const n of [10, 100, 1000]) {
      const file = join(dir, `sources-${n}.pkr.hcl`);
      writeFileSync(file, sourcesTemplate(n));
      const runs = n >= 1000 ? 3 : 5;
      const r = await paired(
        runs,
        1,
        { command: node, args: [...kiln, 'validate', file], env },
        { command: ctx.packer, args: ['validate', file], env },
      );
      kv.push({ n, ms: r.a.wall.median });
      pv.push({ n, ms: r.b.wall.median });
      rows.push({
        benchmark: `validate, ${n} docker sources (parse cache off)`,
        kiln: `${fmtSide(r.a)}; ${(r.a.wall.median / n).toFixed(2)} ms a source`,
        peer: `${fmtSide(r.b)}; ${(r.b.wall.median / n).toFixed(2)} ms a source`,
        peerName: 'packer 1.6.6 validate',
        target: 'report the curve; linear or better',
        verdict: 'report',
        note: `${r.ratio.median.toFixed(2)}x Packer`,
      });
    }
    const kb: { n: number; ms: number }[] = [];
    const pb: { n: number; ms: number }[] = [];
    for (const n of [1, 8, 32]) {
      const file = join(dir, `builds-${n}.json`);
      writeFileSync(file, buildsTemplate(n));
      const k = await timedRun(node, [...kiln, 'build', file], { cwd: dir, env });
      const p = await timedRun(ctx.packer, ['build', file], { cwd: dir, env });
      kb.push({ n, ms: k.ms });
      pb.push({ n, ms: p.ms });
      rows.push({
        benchmark: `${n} docker build${n > 1 ? 's' : ''} of one template in parallel (one run)`,
        kiln: `${k.ms.toFixed(0)} ms (CPU ${k.cpuMs.toFixed(0)} ms, peak RSS ${(k.maxRssKiB / 1024).toFixed(1)} MiB)${k.code ? ` (exit ${k.code})` : ''}`,
        peer: `${p.ms.toFixed(0)} ms (CPU ${p.cpuMs.toFixed(0)} ms, peak RSS ${(p.maxRssKiB / 1024).toFixed(1)} MiB)${p.code ? ` (exit ${p.code})` : ''}`,
        peerName: 'packer 1.6.6 build',
        target: 'report the curve; linear or better',
        verdict: 'report',
        note: `${(k.ms / p.ms).toFixed(2)}x Packer`,
      });
    }
    return {
      title: 'How cost grows',
      rows,
      notes: [
        `validate, wall median as the number of sources grows, Kiln ${growth(kv)}; Packer ${growth(pv)} (x10 sources each step: below x10 is better than linear).`,
        `parallel builds, wall as builds grow, Kiln ${growth(kb)}; Packer ${growth(pb)} (x8 and x4 builds: below that is better than linear).`,
        'Sources: docker, local image, pull = false, discard = true, one shell provisioner; the docker plugin prepares every source. Builds: one JSON template of N docker builders (discard), a shell provisioner each, default parallelism (all at once); Kiln and Packer one run each, one after the other, on the same engine.',
        'CPU is user + system time of the command and the processes it waited for (plugins), from GNU time; peak RSS is that of the largest single process.',
        `Load average at the end: ${loadavg()[0]!.toFixed(1)} (on ${cpus().length} cores, shared with other work).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
