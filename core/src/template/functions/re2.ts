const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\t\\n\\v\\f\\r ',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
  ascii: '\\x00-\\x7f',
};

const CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn Any'.split(
    ' ',
  ),
);

/** Named groups of a compiled RE2 pattern, in order (undefined for unnamed ones). */
export interface CompiledRegex {
  re: RegExp;
  groupNames: (string | undefined)[];
}

/** A pattern Go's regexp/syntax refuses: its error code and the part of the pattern it blames. */
export class RegexSyntaxError extends Error {
  override name = 'RegexSyntaxError';
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

/** JavaScript's complaint about a pattern in Go's words (regexp/syntax ErrorCode and expression). */
function goSyntaxError(pattern: string, message: string): RegexSyntaxError {
  if (/Unterminated character class/.test(message))
    return new RegexSyntaxError('missing closing ]', pattern.slice(pattern.lastIndexOf('[')));
  if (/Unterminated group/.test(message)) return new RegexSyntaxError('missing closing )', pattern);
  if (/Unmatched '\)'/.test(message)) return new RegexSyntaxError('unexpected )', pattern);
  if (/\\ at end of pattern/.test(message))
    return new RegexSyntaxError('trailing backslash at end of expression', '');
  if (/Nothing to repeat/.test(message)) {
    const op = /(?:^|[(|])([*+?]|\{\d+(?:,\d*)?\})/.exec(pattern);
    if (op) return new RegexSyntaxError('missing argument to repetition operator', op[1]!);
    const nested = /([*+?])([*+])/.exec(pattern);
    return new RegexSyntaxError('invalid nested repetition operator', nested ? nested[0] : pattern);
  }
  if (/Range out of order/.test(message)) {
    const range = [...pattern.matchAll(/(.)-(.)/g)].find((m) => m[1]! > m[2]!);
    return new RegexSyntaxError('invalid character class range', range ? range[0] : pattern);
  }
  return new RegexSyntaxError(message.replace(/^Invalid regular expression: /, ''), pattern);
}

/**
 * Compiles an RE2 pattern (Go's regexp syntax, as Packer's functions use) to
 * a JS RegExp: `(?P<name>...)`, leading `(?i)`/`(?s)`/`(?m)` flags, `\A`, `\z`,
 * `\Q...\E` and POSIX classes like `[[:alpha:]]` are translated.
 */
export function compileRe2(pattern: string, global = false): CompiledRegex {
  let flags = global ? 'gu' : 'u';
  let src = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    for (const f of lead[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
    src = src.slice(lead[0].length);
  }
  src = src
    .replace(/\\Q(.*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .replace(/\(\?P</g, '(?<')
    .replace(/\\([pP])([A-Za-z])(?![A-Za-z{])/g, '\\$1{$2}')
    .replace(/\\([pP])\{(\^?)(\w+)\}/g, (_m, p: string, neg: string, name: string) => {
      const q = neg ? (p === 'p' ? 'P' : 'p') : p;
      return CATEGORIES.has(name) ? `\\${q}{${name}}` : `\\${q}{Script=${name}}`;
    })
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\[:(\^?)(\w+):\]/g, (m, neg: string, name: string) => (POSIX[name] && !neg ? POSIX[name] : m));
  const groupNames: (string | undefined)[] = [];
  const groupRe = /\\.|\[(?:\\.|[^\]])*\]|\((\?<([A-Za-z_]\w*)>|\?[^<]|\?<[=!])?/g;
  for (const m of src.matchAll(groupRe)) {
    if (!m[0].startsWith('(')) continue;
    if (m[1] === undefined) groupNames.push(undefined);
    else if (m[2] !== undefined) groupNames.push(m[2]);
  }
  try {
    return { re: new RegExp(src, flags), groupNames };
  } catch {
    try {
      return { re: new RegExp(src, flags.replace('u', '')), groupNames };
    } catch (e) {
      throw goSyntaxError(pattern, (e as Error).message);
    }
  }
}

/** Go's Regexp.Expand syntax in replacements: $1, ${1}, $name, ${name}, $$. */
export function expandReplacement(
  template: string,
  match: RegExpExecArray | string[],
  groups: Record<string, string | undefined> | undefined,
): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_m, all: string, braced?: string, bare?: string) => {
    if (all === '$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
    return groups?.[name] ?? '';
  });
}
