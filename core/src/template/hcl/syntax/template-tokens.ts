import type { Expression, SourceRange } from './ast.js';

/**
 * A template flattened into HCL's template tokens: literal runs (one per
 * source line in heredocs), interpolations and control markers. Strip
 * markers and `<<-` indentation act on this flat list, exactly as
 * hashicorp/hcl applies them, before it is nested into parts.
 */
export type TemplateToken =
  | { kind: 'literal'; value: string; start: number; end: number }
  | { kind: 'interp'; expr: Expression; stripLeft: boolean; stripRight: boolean; range: SourceRange }
  | ControlToken;

/** `%{ if }`, `%{ else }`, `%{ endif }`, `%{ for }`, `%{ endfor }`. */
export interface ControlToken {
  kind: 'if' | 'for' | 'else' | 'endif' | 'endfor';
  stripLeft: boolean;
  stripRight: boolean;
  start: number;
  end: number;
  range: SourceRange;
  condition?: Expression;
  keyVar?: string;
  valueVar?: string;
  collection?: Expression;
}

const LEADING = /^\s+/u;
const TRAILING = /\s+$/u;

/** Applies `~` strip markers: each trims the whitespace of the adjacent literal token. */
export function applyStripMarkers(tokens: TemplateToken[]): void {
  let ltrimNext = false;
  let canTrimPrev = false;
  tokens.forEach((tok, i) => {
    const ltrim = ltrimNext;
    const canTrim = canTrimPrev;
    ltrimNext = false;
    canTrimPrev = false;
    if (tok.kind === 'literal') {
      if (ltrim) tok.value = tok.value.replace(LEADING, '');
      canTrimPrev = true;
      return;
    }
    const prev = tokens[i - 1];
    if (tok.stripLeft && canTrim && prev?.kind === 'literal') prev.value = prev.value.replace(TRAILING, '');
    if (tok.stripRight) ltrimNext = true;
  });
}

/**
 * The `<<-` rule: find the smallest whitespace prefix among line-leading
 * tokens (blank lines do not count; an interpolation at the start of a line
 * counts as zero) and cut that many characters from each such literal.
 */
export function flushHeredoc(tokens: TemplateToken[]): void {
  let min = Number.POSITIVE_INFINITY;
  let newline = true;
  const adjust: Extract<TemplateToken, { kind: 'literal' }>[] = [];
  for (const tok of tokens) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (tok.kind === 'literal') {
        const trimmed = tok.value.replace(LEADING, '');
        if (trimmed === '' && tok.value.endsWith('\n')) spaces = Number.POSITIVE_INFINITY;
        else {
          spaces = [...tok.value.slice(0, tok.value.length - trimmed.length)].length;
          adjust.push(tok);
        }
      }
      min = Math.min(min, spaces);
    }
    if (tok.kind === 'literal' && tok.value.endsWith('\n')) newline = true;
  }
  if (!Number.isFinite(min) || min === 0) return;
  for (const tok of adjust) tok.value = [...tok.value].slice(min).join('');
}
