import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { packer116 } from '../reference-packer.js';
import type { BenchContext } from './context.js';
import { repeat } from './measure.js';
import { type BenchRow, type BenchSection, fmtMs } from './report.js';

/**
 * `inspect` and `validate -syntax-only` of bento's packer_templates/ with a
 * var file, cold (a new process each run), Kiln side by side with Packer 1.16,
 * the reference for these commands.
 */
export async function templateCommands(ctx: BenchContext): Promise<BenchSection> {
  const [node, ...kiln] = ctx.kiln as [string, ...string[]];
  const bento = join(ctx.repoRoot, '..', 'shared', 'corpus', 'bento');
  const varFile = `-var-file=${join(bento, 'os_pkrvars', 'ubuntu', 'ubuntu-24.04-x86_64.pkrvars.hcl')}`;
  const templates = join(bento, 'packer_templates');
  const packer = existsSync(packer116) ? packer116 : undefined;
  const cases: { name: string; args: string[] }[] = [
    { name: 'inspect bento packer_templates/ with a var file', args: ['inspect', varFile, templates] },
    {
      name: 'validate -syntax-only bento packer_templates/ with a var file',
      args: ['validate', '-syntax-only', varFile, templates],
    },
  ];
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const k = await repeat(ctx.runs, 2, node, [...kiln, ...c.args]);
    const p = packer ? await repeat(ctx.runs, 2, packer, c.args) : undefined;
    rows.push({
      benchmark: c.name,
      kiln: fmtMs(k.stats) + (k.failures ? ` (${k.failures} failed)` : ''),
      peer: p ? fmtMs(p.stats) + (p.failures ? ` (exit non-zero ${p.failures}x)` : '') : 'not built',
      peerName: 'packer 1.16',
      target: 'report (Kiln starts Node.js; Packer is one Go binary)',
      verdict: 'report',
    });
  }
  return {
    title: 'Template commands against Packer 1.16',
    rows,
    notes: packer
      ? [
          `Packer 1.16 at ${packer}; both print the same inspect output for this configuration.`,
          `Load average while measuring: ${loadavg()[0]!.toFixed(1)} (on ${cpus().length} cores).`,
        ]
      : [`Packer 1.16 is not built: run \`bash test/env/up.sh packer116\` (looked for ${packer116}).`],
  };
}
