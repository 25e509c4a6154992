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

/**
 * Renders the Markdown report. With `previous` (the report already on disk),
 * sections not measured in this run are kept as they were, so that
 * `npm run bench -- init` refreshes one section; each section says when it
 * was measured.
 */
export function renderReport(sections: BenchSection[], machine: string[], previous = ''): string {
  const kept = previousSections(previous);
  const fresh = new Map(sections.map((s) => [s.title, renderSection(s)]));
  const body = [...kept.keys(), ...[...fresh.keys()].filter((t) => !kept.has(t))].map(
    (t) => fresh.get(t) ?? kept.get(t) ?? '',
  );
  return [...header(machine), ...body].join('\n');
}

function header(machine: string[]): string[] {
  return [
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
}

/** `## Title` sections of an earlier report (not the machine), by title, as Markdown. */
function previousSections(report: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of report.split(/^(?=## )/m).slice(1)) {
    const title = /^## (.*)$/m.exec(chunk)?.[1]?.trim();
    if (title && title !== 'Machine') out.set(title, chunk.replace(/\n*$/, '\n'));
  }
  return out;
}

function renderSection(s: BenchSection): string {
  const out = [
    `## ${s.title}`,
    '',
    '| benchmark | Kiln | peer | target | verdict |',
    '| --- | --- | --- | --- | --- |',
    ...s.rows.map(
      (r) =>
        `| ${r.benchmark} | ${r.kiln} | ${r.peer}${r.peerName ? ` (${r.peerName})` : ''} | ${r.target} | ${r.verdict}${r.note ? ` — ${r.note}` : ''} |`,
    ),
  ];
  if (s.notes.length) out.push('', ...s.notes.map((n) => `- ${n}`));
  out.push('', `Measured ${new Date().toISOString().slice(0, 10)}.`, '');
  return out.join('\n');
}
