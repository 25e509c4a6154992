import type { Stats } from './measure.js';

/** One line of the report: Kiln against Packer (or a baseline) on the same machine, same run. */
export interface BenchRow {
  benchmark: string;
  kiln: string;
  peer: string;
  /** What the peer is ("packer 1.6.6", "plain Engine API script" ...). */
  peerName: string;
  target: string;
  verdict: 'met' | 'missed' | 'report';
  note?: string;
}

/** A benchmark section of the report. */
export interface BenchSection {
  title: string;
  rows: BenchRow[];
  /** Free text: method, caveats. */
  notes: string[];
}

export const fmtMs = (s: Stats): string => `${s.median.toFixed(1)} ms (p90 ${s.p90.toFixed(1)}, n=${s.n})`;

export const fmtKiB = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;

/** Renders the Markdown report. */
export function renderReport(sections: BenchSection[], machine: string[]): string {
  const out: string[] = [
    '# Kiln benchmarks',
    '',
    'Written by `npm run bench`. Kiln and its peer run on the same machine in the same run;',
    'figures are medians with the 90th percentile. Targets come from the project issues.',
    '',
    '## Machine',
    '',
    ...machine.map((m) => `- ${m}`),
    '',
  ];
  for (const s of sections) {
    out.push(
      `## ${s.title}`,
      '',
      '| benchmark | Kiln | peer | target | verdict |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of s.rows) {
      out.push(
        `| ${r.benchmark} | ${r.kiln} | ${r.peer}${r.peerName ? ` (${r.peerName})` : ''} | ${r.target} | ${r.verdict}${r.note ? ` — ${r.note}` : ''} |`,
      );
    }
    if (s.notes.length) out.push('', ...s.notes.map((n) => `- ${n}`));
    out.push('');
  }
  return out.join('\n');
}
