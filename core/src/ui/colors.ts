/** An ANSI colour as Packer uses them: bold for headlines, plain for detail lines. */
export interface BuildColor {
  code: number;
}

const PALETTE = [32, 36, 35, 33, 34];

/** The colour of the n-th build (Packer's order: green, cyan, magenta, yellow, blue). */
export function colorFor(index: number): BuildColor {
  return { code: PALETTE[index % PALETTE.length]! };
}

/** The colour of errors. */
export const RED: BuildColor = { code: 31 };

/** Wraps text in an ANSI colour; every line keeps it. */
export function paint(text: string, color: BuildColor, bold: boolean): string {
  return `\x1b[${bold ? 1 : 0};${color.code}m${text}\x1b[0m`;
}

/** True when colour should be used: not disabled by flag, NO_COLOR or a dumb terminal. */
export function colorEnabled(flag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}
