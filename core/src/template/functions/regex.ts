import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import { type CompiledRegex, compileRe2, expandReplacement } from './re2.js';
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

function replaceRegex(s: string, pattern: string, replacement: string): string {
  const c = compileRe2(pattern, true);
  return s.replace(c.re, (...m: unknown[]) => {
    const last = m[m.length - 1];
    const groups =
      typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : undefined;
    const parts = m.slice(0, c.groupNames.length + 1) as string[];
    return expandReplacement(replacement, parts, groups);
  });
}

/** regex, regexall, regex_replace and replace (literal, as Packer's replace is: regex_replace takes patterns). */
export const regexFunctions: Record<string, FunctionSpec> = {
  regex: fn([param('pattern', T.string), param('string', T.string)], regexReturnType, ([p, s]) => {
    const c = compileRe2(p!.str);
    const m = c.re.exec(s!.str);
    if (!m) fail('pattern did not match any part of the given string');
    return matchValue(c, m);
  }),
  regexall: fn(
    [param('pattern', T.string), param('string', T.string)],
    (a) => T.list(regexReturnType(a)),
    ([p, s]) => {
      const c = compileRe2(p!.str, true);
      const out = [...s!.str.matchAll(c.re)].map((m) => matchValue(c, m));
      return Value.list(out, out[0]?.type ?? regexReturnType([p!]));
    },
  ),
  regex_replace: fn(
    [param('str', T.string), param('substr', T.string), param('replace', T.string)],
    T.string,
    ([s, p, r]) => Value.string(replaceRegex(s!.str, p!.str, r!.str)),
  ),
  replace: fn(
    [param('str', T.string), param('substr', T.string), param('replace', T.string)],
    T.string,
    ([s, p, r]) => {
      const sub = p!.str;
      return Value.string(s!.str.split(sub).join(r!.str));
    },
  ),
};
