import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, failArg, fn, param } from './define.js';
import { graphemeClusters as graphemes } from './graphemes.js';
import type { FunctionSpec } from './spec.js';

const S = T.string;
const str = (name = 'str') => param(name, S);
const s1 = (f: (s: string) => string): FunctionSpec => fn([str()], S, ([a]) => Value.string(f(a!.str)));

/** String functions: upper, lower, title, trim*, substr, split, join, indent, ... */
/**
 * Go's strings.ToUpper/ToLower: each code point maps to one code point, so
 * "ß" stays "ß" (JavaScript's special casing makes it "SS").
 */
function perRune(s: string, map: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = map(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

export const stringFunctions: Record<string, FunctionSpec> = {
  upper: s1((s) => perRune(s, (c) => c.toUpperCase())),
  lower: s1((s) => perRune(s, (c) => c.toLowerCase())),
  title: s1((s) =>
    s.replace(/(^|[^\p{L}\p{N}_])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()),
  ),
  strrev: s1((s) => graphemes(s).reverse().join('')),
  chomp: s1((s) => s.replace(/(\r\n|\n|\r)+$/, '')),
  trimspace: s1((s) => s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')),
  trimprefix: fn([str(), str('prefix')], S, ([s, p]) =>
    Value.string(s!.str.startsWith(p!.str) ? s!.str.slice(p!.str.length) : s!.str),
  ),
  trimsuffix: fn([str(), str('suffix')], S, ([s, p]) =>
    Value.string(s!.str.endsWith(p!.str) ? s!.str.slice(0, s!.str.length - p!.str.length) : s!.str),
  ),
  trim: fn([str(), str('cutset')], S, ([s, c]) => {
    const set = new Set(c!.str);
    const chars = [...s!.str];
    let a = 0;
    let b = chars.length;
    while (a < b && set.has(chars[a]!)) a++;
    while (b > a && set.has(chars[b - 1]!)) b--;
    return Value.string(chars.slice(a, b).join(''));
  }),
  startswith: fn([str(), str('prefix')], T.bool, ([s, p]) => Value.bool(s!.str.startsWith(p!.str))),
  endswith: fn([str(), str('suffix')], T.bool, ([s, p]) => Value.bool(s!.str.endsWith(p!.str))),
  substr: fn([str(), param('offset', T.number), param('length', T.number)], S, ([s, o, l]) => {
    const g = graphemes(s!.str);
    let off = Math.trunc(o!.num);
    let len = Math.trunc(l!.num);
    if (off < 0) off += g.length;
    if (off < 0 || off >= g.length) return Value.string('');
    if (len === -1 || off + len > g.length) len = g.length - off;
    if (len < 0) fail('length must be non-negative or -1');
    return Value.string(g.slice(off, off + len).join(''));
  }),
  indent: fn([param('spaces', T.number), str()], S, ([n, s]) => {
    if (n!.num < 0) fail('the number of spaces must not be negative');
    const pad = ' '.repeat(Math.trunc(n!.num));
    return Value.string(s!.str.replace(/\n/g, `\n${pad}`));
  }),
  split: fn([str('separator'), str()], T.list(S), ([sep, s]) =>
    Value.list((s!.str === '' ? [''] : s!.str.split(sep!.str)).map(Value.string), S),
  ),
  join: fn(
    [str('separator')],
    S,
    ([sep, ...lists]) => {
      if (lists.length === 0) fail('at least one list is required');
      const parts: string[] = [];
      lists.forEach((l, li) => {
        l!.elems.forEach((e, ei) => {
          if (e.isNull)
            failArg(
              li + 1,
              lists.length > 1
                ? `element ${ei} of list ${li + 1} is null; cannot concatenate null values`
                : `element ${ei} is null; cannot concatenate null values`,
            );
          parts.push(e.str);
        });
      });
      return Value.string(parts.join(sep!.str));
    },
    param('lists', T.list(S)),
  ),
};
