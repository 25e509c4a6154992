#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
/**
 * `npm run bench`: runs Kiln's benchmarks side by side with Debian's packer on
 * this machine and writes the report to docs/benchmarks.md (or the path in
 * KILN_BENCH_REPORT). Select benchmarks with arguments: `npm run bench -- cli`;
 * only the sections measured are replaced, the others are kept.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { staleBundles } from '../stale-bundles.js';
import { ansibleProxy } from './ansible-proxy.js';
import { cliStartup } from './cli-startup.js';
import { type BenchContext, benchContext } from './context.js';
import { coreIdle } from './core-idle.js';
import { dockerBuild } from './docker-build.js';
import { growthBench } from './growth.js';
import { initBench } from './init.js';
import { kubernetesExecutorBench } from './kubernetes-executor.js';
import { packerBridge } from './packer-bridge.js';
import { pluginStart } from './plugin-start.js';
import { qemuBuild } from './qemu-build.js';
import { type BenchSection, renderReport } from './report.js';
import { stepCacheBench } from './step-cache.js';
import { stepCacheQemuBench } from './step-cache-qemu.js';
import { templateCommands } from './template-commands.js';
import { validate } from './validate.js';

const benchmarks: Record<string, (ctx: BenchContext) => Promise<BenchSection>> = {
  cli: cliStartup,
  'plugin-start': pluginStart,
  'core-idle': coreIdle,
  validate,
  'template-commands': templateCommands,
  init: initBench,
  docker: dockerBuild,
  growth: growthBench,
  qemu: qemuBuild,
  ansible: ansibleProxy,
  'step-cache': stepCacheBench,
  'step-cache-qemu': stepCacheQemuBench,
  'packer-bridge': packerBridge,
  kubernetes: kubernetesExecutorBench,
};

async function main(): Promise<void> {
  const ctx = benchContext();
  const stale = staleBundles(pathToFileURL(`${ctx.repoRoot}/`));
  if (stale.length) {
    console.error(
      `these bundles are missing or older than the last compile, so Kiln would run from its compiled files: ${stale.join(', ')}\nrun \`node scripts/bundle.mjs\` (npm run setup does) and benchmark again`,
    );
    process.exit(2);
  }
  const selected = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = selected.length ? selected : Object.keys(benchmarks);
  const sections: BenchSection[] = [];
  for (const name of names) {
    const bench = benchmarks[name];
    if (!bench) {
      console.error(`unknown benchmark "${name}"; known: ${Object.keys(benchmarks).join(', ')}`);
      process.exit(2);
    }
    console.log(`==> ${name}`);
    try {
      sections.push(await bench(ctx));
    } catch (error) {
      sections.push({
        title: name,
        rows: [],
        notes: [`did not run: ${error instanceof Error ? error.message : error}`],
      });
    }
    // After each section, so that what was measured is kept if a later one fails or is stopped.
    write(ctx, sections);
  }
  console.log(write(ctx, sections));
}

/** Writes the report: these sections, and the previous report's others. */
function write(ctx: BenchContext, sections: BenchSection[]): string {
  const machine = [
    `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node.js ${process.version}`,
    ctx.packer ? `${version(ctx.packer)} (${ctx.packer})` : 'packer: not installed (apt-get install packer)',
    `date: ${new Date().toISOString()}`,
  ];
  const path = process.env.KILN_BENCH_REPORT ?? join(ctx.repoRoot, 'docs', 'benchmarks.md');
  // Sections this run did not measure are kept as they were, and so are the
  // written ones no benchmark makes (targets, profile findings).
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const report = renderReport(sections, machine, previous);
  writeFileSync(path, report);
  console.log(`report written to ${path}`);
  return report;
}

function version(packer: string): string {
  try {
    return `packer ${execFileSync(packer, ['version'], { encoding: 'utf8' })
      .trim()
      .replace(/^Packer v/, '')}`;
  } catch {
    return 'packer (version unknown)';
  }
}

await main();
