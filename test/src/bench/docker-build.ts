import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './context.js';
import { summarise } from './measure.js';
import { sampleTree } from './process-tree.js';
import { type BenchRow, type BenchSection, fmtKiB, fmtMs } from './report.js';

interface Timed {
  ms: number;
  peaks: Map<string, number>;
  code: number | null;
}

function timed(command: string, args: string[], cwd: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const stop = sampleTree(child.pid!, (cmd) =>
      cmd.includes('plugin-docker') || cmd.includes('plugins/docker/') || cmd.includes('packer-builder')
        ? 'plugin'
        : undefined,
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-2000);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const peaks = stop();
      if (code !== 0) process.stderr.write(`${command} ${args.join(' ')} failed:\n${err}\n`);
      resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, peaks, code });
    });
  });
}

function removeImages(prefix: string): void {
  const ids = spawnSync('docker', ['images', '-q', '--filter', `reference=${prefix}*`], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  if (ids.length) spawnSync('docker', ['rmi', '-f', ...new Set(ids)], { stdio: 'ignore' });
}

async function series(n: number, run: (i: number) => Promise<Timed>): Promise<Timed[]> {
  const out: Timed[] = [];
  for (let i = 0; i < n; i++) out.push(await run(i));
  return out;
}

const median = (xs: Timed[]) => summarise(xs.map((x) => x.ms));
const peak = (xs: Timed[], key: string) => Math.max(0, ...xs.map((x) => x.peaks.get(key) ?? 0));

/**
 * Docker builds, Kiln against Packer 1.6.6 on the same engine and template:
 * seed 002 (and a plain Engine API script as the floor), eight builds of one
 * template in parallel, and a 200 MiB file-provisioner upload.
 */
export async function dockerBuild(ctx: BenchContext): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-docker-'));
  const runs = Math.max(3, Math.min(ctx.runs, 5));
  const [node, ...kilnArgs] = ctx.kiln as [string, ...string[]];
  const kiln = (args: string[]) => timed(node, [...kilnArgs, 'build', ...args], dir);
  const packer = ctx.packer ? (args: string[]) => timed(ctx.packer!, ['build', ...args], dir) : undefined;
  const rows: BenchRow[] = [];
  try {
    const seed = readFileSync(
      join(ctx.repoRoot, 'test', 'fixtures', 'templates', 'seed-002-docker-vars-local.json'),
    );
    writeFileSync(join(dir, 'seed.json'), seed);
    const tagged = (who: string, i: number) => [
      '-var',
      `repository=kiln-bench/${who}`,
      '-var',
      `tag=${i}`,
      'seed.json',
    ];
    const k = await series(runs, (i) => kiln(tagged('kiln', i)));
    const p = packer ? await series(runs, (i) => packer(tagged('packer', i))) : [];
    const plainMain = fileURLToPath(new URL('./docker-plain.js', import.meta.url));
    const plain = await series(runs, (i) => timed(node, [plainMain, 'kiln-bench/plain', String(i)], dir));
    const km = median(k).median;
    const pm = p.length ? median(p).median : Number.NaN;
    rows.push({
      benchmark: 'seed 002 build (commit, changes, shell, docker-tag)',
      kiln: fmtMs(median(k)),
      peer: p.length ? fmtMs(median(p)) : 'not installed',
      peerName: 'packer build',
      target: '<= 0.75x Packer',
      verdict: p.length ? (km <= 0.75 * pm ? 'met' : 'missed') : 'report',
      note: p.length ? `${(km / pm).toFixed(2)}x` : undefined,
    });
    rows.push({
      benchmark: 'seed 002 build vs the same Engine API calls from a script',
      kiln: fmtMs(median(k)),
      peer: fmtMs(median(plain)),
      peerName: 'plain dockerode script',
      target: '<= 1.3x the script',
      verdict: km <= 1.3 * median(plain).median ? 'met' : 'missed',
      note: `${(km / median(plain).median).toFixed(2)}x`,
    });
    rows.push({
      benchmark: 'peak RSS during seed 002: core / plugin',
      kiln: `${fmtKiB(peak(k, 'main'))} / ${fmtKiB(peak(k, 'plugin'))}`,
      peer: p.length ? `${fmtKiB(peak(p, 'main'))} / ${fmtKiB(peak(p, 'plugin'))}` : '-',
      peerName: 'packer / packer-builder-docker',
      target: "core <= Packer's",
      verdict: p.length ? (peak(k, 'main') <= peak(p, 'main') ? 'met' : 'missed') : 'report',
    });

    const eight = {
      builders: Array.from({ length: 8 }, (_, i) => ({
        type: 'docker',
        name: `b${i}`,
        image: 'kiln-test/busybox:latest',
        pull: false,
        discard: true,
      })),
      provisioners: [{ type: 'shell', inline: ['echo hello > /tmp/proof'] }],
    };
    writeFileSync(join(dir, 'eight.json'), JSON.stringify(eight));
    writeFileSync(join(dir, 'one.json'), JSON.stringify({ ...eight, builders: eight.builders.slice(0, 1) }));
    const k1 = await series(runs, () => kiln(['one.json']));
    const k8 = await series(runs, () => kiln(['eight.json']));
    const p1 = packer ? await series(runs, () => packer(['one.json'])) : [];
    const p8 = packer ? await series(runs, () => packer(['eight.json'])) : [];
    rows.push({
      benchmark: '8 builds of one template in parallel (1 build in brackets)',
      kiln: `${fmtMs(median(k8))} (${median(k1).median.toFixed(0)} ms)`,
      peer: p8.length ? `${fmtMs(median(p8))} (${median(p1).median.toFixed(0)} ms)` : 'not installed',
      peerName: 'packer build',
      target: 'report',
      verdict: 'report',
      note: `Kiln 8/1 = ${(median(k8).median / median(k1).median).toFixed(2)}x${p8.length ? `, Packer ${(median(p8).median / median(p1).median).toFixed(2)}x` : ''}`,
    });

    const tree = join(dir, 'tree');
    for (let d = 0; d < 4; d++) {
      mkdirSync(join(tree, `d${d}`, 'nested'), { recursive: true });
      for (let f = 0; f < 5; f++) {
        writeFileSync(join(tree, `d${d}`, 'nested', `f${f}.bin`), Buffer.alloc(10 * 2 ** 20, d * 5 + f));
      }
    }
    const upload = {
      builders: [{ type: 'docker', image: 'kiln-test/busybox:latest', pull: false, discard: true }],
      provisioners: [{ type: 'file', source: `${tree}/`, destination: '/tmp/upload' }],
    };
    writeFileSync(join(dir, 'upload.json'), JSON.stringify(upload));
    // Each upload build is paired with a build without the upload run right
    // next to it, so that drift in machine load cancels out.
    const paired = async (run: (args: string[]) => Promise<Timed>) => {
      const rates: number[] = [];
      const totals: Timed[] = [];
      for (let i = 0; i < runs; i++) {
        const base = await run(['one.json']);
        const up = await run(['upload.json']);
        totals.push(up);
        rates.push(200 / (Math.max(1, up.ms - base.ms) / 1000));
      }
      return { rate: summarise(rates).median, totals };
    };
    const ku = await paired(kiln);
    const pu = packer ? await paired(packer) : undefined;
    rows.push({
      benchmark: 'file provisioner upload of 200 MiB (median of paired runs with and without it)',
      kiln: `${ku.rate.toFixed(0)} MiB/s (${fmtMs(median(ku.totals))})`,
      peer: pu ? `${pu.rate.toFixed(0)} MiB/s (${fmtMs(median(pu.totals))})` : 'not installed',
      peerName: 'packer build',
      target: '>= Packer',
      verdict: pu ? (ku.rate >= pu.rate ? 'met' : 'missed') : 'report',
    });
  } finally {
    removeImages('kiln-bench/');
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: 'Docker builds',
    rows,
    notes: [
      `${runs} runs each, one after another, on the same engine; images are removed afterwards.`,
      'The base image is local (kiln-test/busybox, pull = false), so no registry is involved.',
    ],
  };
}
