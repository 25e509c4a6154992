import type { Progress } from '@kiln/plugin-sdk';

const WIDTH = 30;

/** Formats a byte count: "12.3 MiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** One progress-bar line (no newline): "    name: label [=====>    ]  45% 12.3 MiB / 27.0 MiB". */
export function renderProgress(target: string, p: Progress): string {
  if (p.total <= 0) return `    ${target}: ${p.label} ${formatBytes(p.current)}`;
  const ratio = Math.min(1, Math.max(0, p.current / p.total));
  const filled = Math.round(ratio * WIDTH);
  const bar = `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(WIDTH - filled)}`;
  const pct = `${Math.round(ratio * 100)}%`.padStart(4);
  return `    ${target}: ${p.label} [${bar}] ${pct} ${formatBytes(p.current)} / ${formatBytes(p.total)}`;
}
