/** Packer's boolean flags: `-name=true|false` is accepted for these. */
const BOOLEAN_FLAGS = new Set([
  'force',
  'debug',
  'timestamp-ui',
  'machine-readable',
  'syntax-only',
  'color',
  'evaluate-datasources',
  'upgrade',
  'check',
  'diff',
  'write',
  'recursive',
  'with-annotations',
  'cache',
]);

/** Boolean flags that default to true: `-name=false` turns them off (`--no-name`). */
const NEGATABLE = new Set(['color', 'write']);

const SHORT: Record<string, string> = { h: '--help', help: '--help', v: '--version', version: '--version' };

/**
 * Rewrites Packer's single-dash flags into the double-dash form the parser
 * reads: `-var x=1` -> `--var x=1`, `-only=a,b` -> `--only=a,b`,
 * `-color=false` -> `--no-color`, `-write=false` -> `--no-write`, `-force=true` -> `--force`. Arguments
 * after `--`, values of flags and plain arguments are left alone.
 */
export function preprocessArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (const arg of argv) {
    if (rest || arg === '--' || !/^-[A-Za-z]/.test(arg)) {
      if (arg === '--') rest = true;
      out.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(1, eq < 0 ? undefined : eq);
    const value = eq < 0 ? undefined : arg.slice(eq + 1);
    if (value === undefined && SHORT[name] && out.length === 0 && name.startsWith('v')) {
      out.push('version');
      continue;
    }
    if (value === undefined && SHORT[name]) {
      out.push(SHORT[name]!);
      continue;
    }
    if (name.length === 1 && value === undefined) {
      out.push(arg);
      continue;
    }
    if (BOOLEAN_FLAGS.has(name) && value !== undefined) {
      const on = /^(1|t|true)$/i.test(value);
      if (!on && !/^(0|f|false)$/i.test(value)) out.push(`--${name}=${value}`);
      else if (on) out.push(`--${name}`);
      else if (NEGATABLE.has(name)) out.push(`--no-${name}`);
      continue;
    }
    out.push(`-${arg}`);
  }
  return out;
}

/** The flag spelled as the user typed it (single dash), for messages. */
export function userFlag(name: string): string {
  return `-${name.replace(/^-+/, '')}`;
}
