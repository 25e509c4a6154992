import type { CheckResult, ConformanceReport } from './types.js';

const MARK = { pass: '✓', fail: '✗', skip: '-' } as const;

/** One check as lines: `✓ title: reason`, then its details indented. */
export function formatCheck(r: CheckResult): string[] {
  const lines = [`${MARK[r.status]} ${r.title}: ${r.reason}`];
  for (const d of r.details) for (const l of d.split('\n')) lines.push(`    ${l}`);
  return lines;
}

/** The summary line: `12 passed, 1 failed, 2 not run`. */
export function formatSummary(report: ConformanceReport): string {
  const who = report.plugin ? `${report.plugin.name} ${report.plugin.version}` : report.target;
  const verdict = report.failed > 0 ? 'does not conform' : report.ok ? 'conforms' : 'was not fully checked';
  return `${who} ${verdict}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} not run`;
}

/** The whole report as text. */
export function formatReport(report: ConformanceReport): string {
  return [...report.checks.flatMap(formatCheck), '', formatSummary(report)].join('\n');
}
