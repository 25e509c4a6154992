const UNITS: [string, number][] = [
  ['week', 7 * 24 * 3600e6],
  ['day', 24 * 3600e6],
  ['hour', 3600e6],
  ['minute', 60e6],
  ['second', 1e6],
  ['millisecond', 1e3],
  ['microsecond', 1],
];

/**
 * Formats a duration the way Packer's output does: the first two non-zero
 * units, e.g. "1 second 234 milliseconds", "20 milliseconds 216 microseconds".
 */
export function formatDuration(ms: number): string {
  let micros = Math.max(0, Math.round(ms * 1000));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(micros / size);
    micros -= n * size;
    if (n > 0 && parts.length < 2) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    else if (parts.length > 0) break;
  }
  return parts.length ? parts.join(' ') : '0 seconds';
}
