import type { UiLevel } from './events.js';

/**
 * Prefixes every line of a build's text as Packer does:
 * "==> target: text" for headlines and errors, "    target: text" for detail lines.
 */
export function prefixLines(target: string, level: UiLevel, text: string): string {
  const arrow = level === 'message' ? '   ' : '==>';
  return text
    .split('\n')
    .map((line) => `${arrow} ${target}: ${line}`)
    .join('\n')
    .trimEnd();
}

/** The target a line is attributed to: the build, or "build (post-processor)". */
export function targetOf(build: string, source?: string): string {
  return source ? `${build} (${source})` : build;
}
