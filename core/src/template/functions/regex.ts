import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, failArg, fn, param } from './define.js';
import { type CompiledRegex, compileRe2, expandReplacement, RegexSyntaxError } from './re2.js';
import type { FunctionSpec } from './spec.js';

function matchValue(c: CompiledRegex, m: RegExpExecArray): Value {
  const names = c.groupNames;
  if (names.length === 0) return Value.string(m[0]);
  const named = names.filter((n) => n !== undefined).length;
  if (named > 0 && named < names.length)
    fail("invalid regular expression pattern: can't mix both named and unnamed capture groups");
  const s = (x: string | undefined) => (x === undefined ? Value.null(T.string) : Value.string(x));
  if (named === 0)
    return Value.list(
      names.map((_, i) => s(m[i + 1])),
      T.string,
    );
  return Value.object(Object.fromEntries(names.map((n, i) => [n!, s(m[i + 1])])));
}

function regexReturnType(args: readonly Value[]) {
  const p = args[0];
  if (!p?.isKnown) return T.dynamic;
  const c = compileRe2(p.str);
  if (c.groupNames.length === 0) return T.string;
  if (c.groupNames.every((n) => n === undefined)) return T.list(T.string);
  return T.object(Object.fromEntries(c.groupNames.map((n) => [n!, T.string])));
}

/** regex() and regexall() blame a bad pattern on their "pattern" argument, as cty does. */
function compilePattern(pattern: string, global = false): CompiledRegex {
  try {
    return compileRe2(pattern, global);
  } catch (e) {
    if (e instanceof RegexSyntaxError) failArg(0, `invalid regexp pattern: ${e.code} in ${e.expr}`);
    throw e;
  }
}

/**
 * Go's Regexp.ReplaceAllString: an empty match right after another match is
 * not replaced (JavaScript's replace would replace it too: "aaa" with a*
 * gives "b", not "bb").
 */
function replaceRegex(s: string, pattern: string, replacement: string): string {
  let c: CompiledRegex;
  try {
    c = compileRe2(pattern, true);
  } catch (e) {
    if (e instanceof RegexSyntaxError) fail(e.message);
    throw e;
  }
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    c.re.lastIndex = searchPos;
    const m = c.re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += s.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += expandReplacement(replacement, [...m] as string[], m.groups);
    lastEnd = end;
    const width = s.codePointAt(searchPos)! > 0xffff ? 2 : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + s.slice(lastEnd);
}

/** Go's strings.Replace(s, old, new, -1): an empty `old` matches before every character and at the end. */
function replaceLiteral(s: string, old: string, repl: string): string {
  if (old !== '') return s.split(old).join(repl);
  return [...s].map((ch) => repl + ch).join('') + repl;
}

/** regex, regexall, regex_replace and replace (literal, as Packer's replace is: regex_replace takes patterns). */
export const regexFunctions: Record<string, FunctionSpec> = {
  regex: fn([param('pattern', T.string), param('string', T.string)], regexReturnType, ([p, s]) => {
    const c = compilePattern(p!.str);
    const m = c.re.exec(s!.str);
    if (!m) fail('pattern did not match any part of the given string');
    return matchValue(c, m);
  }),
  regexall: fn(
    [param('pattern', T.string), param('string', T.string)],
    (a) => T.list(regexReturnType(a)),
    ([p, s]) => {
      const c = compilePattern(p!.str, true);
      const out = [...s!.str.matchAll(c.re)].map((m) => matchValue(c, m));
      return Value.list(out, out[0]?.type ?? regexReturnType([p!]));
    },
  ),
  regex_replace: fn(
    [param('str', T.string), param('pattern', T.string), param('replace', T.string)],
    T.string,
    ([s, p, r]) => Value.string(replaceRegex(s!.str, p!.str, r!.str)),
  ),
  replace: fn(
    [param('str', T.string), param('substr', T.string), param('replace', T.string)],
    T.string,
    ([s, p, r]) => Value.string(replaceLiteral(s!.str, p!.str, r!.str)),
  ),
};
