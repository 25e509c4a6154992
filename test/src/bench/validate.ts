import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { initHclParser, loadConfig, parseHcl } from '@kiln/core';
import type { BenchContext } from './context.js';
import { paired, summarise } from './measure.js';
import type { BenchRow, BenchSection } from './report.js';
import { ratioRow } from './template-commands.js';

/** `validate`, cold, Kiln against Packer on a seed template and on the bento directory. */
export async function validate(ctx: BenchContext): Promise<BenchSection> {
  const [node, ...kiln] = ctx.kiln as [string, ...string[]];
  const seeds = join(ctx.repoRoot, 'test', 'fixtures', 'templates');
  const bento = join(ctx.repoRoot, '..', 'shared', 'corpus', 'bento');
  const cases: { name: string; args: string[]; packerArgs?: string[] }[] = [
    { name: 'seed 002 (legacy JSON)', args: ['-var', 'tag=0.0.1', join(seeds, 'seed-002-docker-vars.json')] },
    {
      name: 'seed 003 (HCL2), -syntax-only',
      args: ['-syntax-only', join(seeds, 'seed-003-docker-ubuntu.pkr.hcl')],
    },
    {
      name: 'bento packer_templates/ with a var file, -syntax-only',
      args: [
        '-syntax-only',
        `-var-file=${join(bento, 'os_pkrvars', 'ubuntu', 'ubuntu-24.04-x86_64.pkrvars.hcl')}`,
        join(bento, 'packer_templates'),
      ],
    },
  ];
  const rows: BenchRow[] = [];
  for (const c of cases) {
    if (!ctx.packer) throw new Error('needs Debian packer 1.6.6 (apt-get install packer)');
    const r = await paired(
      ctx.runs,
      2,
      { command: node, args: [...kiln, 'validate', ...c.args] },
      { command: ctx.packer, args: ['validate', ...(c.packerArgs ?? c.args)] },
    );
    rows.push(
      ratioRow(`validate ${c.name}`, r, 'packer 1.6.6', c.name.startsWith('seed 002') ? 1 : undefined),
    );
  }
  rows.push(...(await inProcess(bento)));
  return {
    title: 'Templates',
    rows,
    notes: [
      'Packer 1.6.6 rejects some newer HCL2 in bento (it exits non-zero early), which flatters its time there.',
      'Kiln and Packer run in turn (A B A B ...); the verdict is on the median of the pair-by-pair wall ratios. Seed 002 (legacy JSON, docker builder) starts the docker plugin, which checks the configuration; seed 003 in full (with its plugin installed by kiln init) is in the kiln init section.',
    ],
  };
}

/** Parse and load of bento's pkr-builder.pkr.hcl (and its directory) inside one process. */
async function inProcess(bento: string): Promise<BenchRow[]> {
  const file = join(bento, 'packer_templates', 'pkr-builder.pkr.hcl');
  const text = readFileSync(file, 'utf8');
  const t0 = performance.now();
  await initHclParser();
  parseHcl(text, file);
  const cold = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    parseHcl(text, file);
    warm.push(performance.now() - t);
  }
  const loads: number[] = [];
  const varFile = join(bento, 'os_pkrvars', 'ubuntu', 'ubuntu-24.04-x86_64.pkrvars.hcl');
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await loadConfig(join(bento, 'packer_templates'), {
      vars: [],
      varFiles: [varFile],
      only: [],
      except: [],
      env: {},
      syntaxOnly: true,
    });
    loads.push(performance.now() - t);
  }
  const lines = text.split('\n').length;
  return [
    {
      benchmark: `parse pkr-builder.pkr.hcl (${lines} lines) in-process: first (with parser start) / warm`,
      kiln: `${cold.toFixed(1)} ms / ${summarise(warm).median.toFixed(2)} ms`,
      peer: '-',
      peerName: '',
      target: 'report',
      verdict: 'report',
    },
    {
      benchmark: 'load and evaluate bento packer_templates/ in-process (warm)',
      kiln: `${summarise(loads).median.toFixed(1)} ms`,
      peer: '-',
      peerName: '',
      target: 'report',
      verdict: 'report',
    },
  ];
}
