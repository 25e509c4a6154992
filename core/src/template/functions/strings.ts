import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const S = T.string;
const str = (name = 'str') => param(name, S);
const s1 = (f: (s: string) => string): FunctionSpec => fn([str()], S, ([a]) => Value.string(f(a!.str)));
const graphemes = (s: string): string[] => {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...seg.segment(s)].map((x) => x.segment);
};

/** String functions: upper, lower, title, trim*, substr, split, join, indent, ... */
export const stringFunctions: Record<string, FunctionSpec> = {
  upper: s1((s) => s.toUpperCase()),
  lower: s1((s) => s.toLowerCase()),
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
    const pad = ' '.repeat(Math.max(0, Math.trunc(n!.num)));
    return Value.string(s!.str.replace(/\n/g, `\n${pad}`));
  }),
  split: fn([str('separator'), str()], T.list(S), ([sep, s]) =>
    Value.list((s!.str === '' ? [''] : s!.str.split(sep!.str)).map(Value.string), S),
  ),
  join: fn(
    [str('separator')],
    S,
    ([sep, ...lists]) => {
      const parts: string[] = [];
      for (const l of lists)
        for (const e of l!.elems) {
          if (e.isNull) fail('element must not be null');
          parts.push(e.str);
        }
      return Value.string(parts.join(sep!.str));
    },
    param('lists', T.list(S)),
  ),
};
