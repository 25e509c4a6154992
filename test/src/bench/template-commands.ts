import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { packer116 } from '../reference-packer.js';
import type { BenchContext } from './context.js';
import { type Cmd, type PairSide, paired } from './measure.js';
import type { BenchRow, BenchSection } from './report.js';

/** "412.0 ms (cpu 380 ms, n=10)" */
export const fmtSide = (s: PairSide): string =>
  `${s.wall.median.toFixed(1)} ms (p90 ${s.wall.p90.toFixed(1)}; CPU ${s.cpu.median.toFixed(0)} ms; n=${s.wall.n})` +
  (s.failures ? ` (exit non-zero ${s.failures}x)` : '');

/** A row of Kiln against a peer with a "<= x times the peer" target, judged on the median pair ratio. */
export function ratioRow(
  benchmark: string,
  r: Awaited<ReturnType<typeof paired>>,
  peerName: string,
  limit: number | undefined,
): BenchRow {
  const ratio = r.ratio.median;
  const note = `${ratio.toFixed(2)}x wall, ${r.cpuRatio.median.toFixed(2)}x CPU`;
  return {
    benchmark,
    kiln: fmtSide(r.a),
    peer: fmtSide(r.b),
    peerName,
    target: limit === undefined ? 'report' : `<= ${limit.toFixed(2)}x ${peerName}`,
    verdict: limit === undefined ? 'report' : r.a.failures ? 'missed' : ratio <= limit ? 'met' : 'missed',
    note,
  };
}

/**
 * `version`, `inspect`, `validate -syntax-only` and `fmt -check` of bento's
 * packer_templates/ with a var file, cold (a new process each run), Kiln and
 * Packer 1.16 (the reference for these commands) in turn. Kiln's parse
 * cache is warm in the first rows, as on every run after the first one of
 * unchanged files; the "parse cache off" rows are a first run.
 */
export async function templateCommands(ctx: BenchContext): Promise<BenchSection> {
  const [node, ...kiln] = ctx.kiln as [string, ...string[]];
  const bento = join(ctx.repoRoot, '..', 'shared', 'corpus', 'bento');
  const varFile = `-var-file=${join(bento, 'os_pkrvars', 'ubuntu', 'ubuntu-24.04-x86_64.pkrvars.hcl')}`;
  const templates = join(bento, 'packer_templates');
  if (!existsSync(packer116))
    throw new Error(
      `Packer 1.16 is not built: run \`bash test/env/up.sh packer116\` (looked for ${packer116})`,
    );
  const cases: { name: string; args: string[]; cold?: boolean }[] = [
    { name: '`version`', args: ['version'] },
    { name: 'inspect bento packer_templates/ with a var file', args: ['inspect', varFile, templates] },
    {
      name: 'validate -syntax-only bento packer_templates/ with a var file',
      args: ['validate', '-syntax-only', varFile, templates],
    },
    { name: 'fmt -check bento packer_templates/', args: ['fmt', '-check', templates] },
  ];
  const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const p: Cmd = { command: packer116, args: c.args, env };
    rows.push(
      ratioRow(
        c.name,
        await paired(ctx.runs, 2, { command: node, args: [...kiln, ...c.args], env }, p),
        'packer 1.16',
        1,
      ),
    );
    if (c.name.startsWith('`version`')) continue;
    const cold = { ...env, KILN_PARSE_CACHE: '0' };
    rows.push(
      ratioRow(
        `${c.name}, parse cache off (a first run)`,
        await paired(ctx.runs, 1, { command: node, args: [...kiln, ...c.args], env: cold }, p),
        'packer 1.16',
        undefined,
      ),
    );
  }
  return {
    title: 'Template commands against Packer 1.16',
    rows,
    notes: [
      `Packer 1.16 at ${packer116}; both print the same inspect output for this configuration.`,
      'Kiln and Packer run in turn (A B A B ...); the verdict is on the median of the pair-by-pair wall ratios. CPU is user + system time from GNU time.',
      "The parse cache keeps each HCL file's syntax tree (and fmt's output) by name and text, so after a first run only changed files are parsed; the rows marked 'parse cache off' run as the first time.",
      `Load average while measuring: ${loadavg()[0]!.toFixed(1)} (on ${cpus().length} cores, shared with other work).`,
    ],
  };
}
