import { ConversionError, convert } from '../hcl/eval/convert.js';
import { toJs } from '../hcl/eval/js.js';
import { numberToString } from '../hcl/eval/number-format.js';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, failArg, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const VERB = /%([-+# 0]*)(?:\[(\d+)\])?(\d+|\*)?(?:\.(\d+))?(?:\[(\d+)\])?([a-zA-Z%])/g;

/**
 * cty's format(): Go-like verbs %v %#v %t %d %b %o %x %X %e %E %f %g %G %s
 * %q %%, flags (+ - space 0 #), width, precision and explicit [n] indices.
 */
export function formatString(spec: string, args: readonly Value[]): string {
  let next = 0;
  let out = '';
  let last = 0;
  for (const m of spec.matchAll(VERB)) {
    out += spec.slice(last, m.index);
    last = m.index! + m[0].length;
    const [, flags = '', idx1, width, prec, idx2, verb = ''] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const idx = idx1 ?? idx2;
    if (idx !== undefined) next = Number(idx) - 1;
    if (next >= args.length)
      fail(
        `not enough arguments for "${m[0]}" at ${m.index}: need index ${next + 1} but have ${args.length} total`,
      );
    const arg = args[next++]!;
    let text = formatOne(
      verb,
      flags,
      prec === undefined ? undefined : Number(prec),
      arg,
      `"${m[0]}" at ${m.index}`,
    );
    const w = width === undefined || width === '*' ? 0 : Number(width);
    if ([...text].length < w) {
      const pad = w - [...text].length;
      if (flags.includes('-')) text += ' '.repeat(pad);
      else if (flags.includes('0') && /[dbodxXeEfgG]/.test(verb)) {
        const sign = /^[-+ ]/.test(text) ? text[0]! : '';
        text = sign + '0'.repeat(pad) + text.slice(sign.length);
      } else text = ' '.repeat(pad) + text;
    }
    out += text;
  }
  out += spec.slice(last);
  if (spec.endsWith('%') && !spec.endsWith('%%')) fail('unrecognized format character "%" at end of string');
  return out;
}

const REQUIRED = {
  number: 'a number is required',
  string: 'string required',
  bool: 'bool required',
} as const;

function need(arg: Value, type: typeof T.number | typeof T.string | typeof T.bool, label: string): Value {
  if (arg.isNull) fail(`unsupported value for ${label}: null value cannot be formatted`);
  try {
    return convert(arg, type);
  } catch (e) {
    if (e instanceof ConversionError)
      fail(`unsupported value for ${label}: ${REQUIRED[type.kind as keyof typeof REQUIRED]}`);
    throw e;
  }
}

function signed(n: number, flags: string, body: string): string {
  if (n < 0 || Object.is(n, -0)) return body.startsWith('-') ? body : `-${body}`;
  if (flags.includes('+')) return `+${body}`;
  if (flags.includes(' ')) return ` ${body}`;
  return body;
}

function formatOne(verb: string, flags: string, prec: number | undefined, arg: Value, raw: string): string {
  switch (verb) {
    case 'v':
      if (flags.includes('#')) return JSON.stringify(toJs(arg));
      if (arg.isNull) return 'null';
      if (arg.type.kind === 'string') return arg.str;
      if (arg.type.kind === 'number') return signed(arg.num, flags, numberToString(Math.abs(arg.num)));
      if (arg.type.kind === 'bool') return String(arg.bool);
      return JSON.stringify(toJs(arg));
    case 't':
      return String(need(arg, T.bool, raw).bool);
    case 's': {
      const s = need(arg, T.string, raw).str;
      return prec === undefined ? s : [...s].slice(0, prec).join('');
    }
    case 'q':
      return JSON.stringify(need(arg, T.string, raw).str);
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      // An integer has no negative zero (cty formats it as a big.Int).
      const n = need(arg, T.number, raw).num || 0;
      if (!Number.isInteger(n)) fail(`unsupported value for ${raw}: an integer is required`);
      const radix = { d: 10, b: 2, o: 8, x: 16, X: 16 }[verb]!;
      let body = BigInt(Math.abs(n)).toString(radix);
      if (verb === 'X') body = body.toUpperCase();
      if (flags.includes('#') && verb === 'x') body = `0x${body}`;
      if (flags.includes('#') && verb === 'X') body = `0X${body}`;
      if (flags.includes('#') && verb === 'o') body = `0${body}`;
      return signed(n, flags, body);
    }
    case 'e':
    case 'E': {
      const n = need(arg, T.number, raw).num;
      let body = Math.abs(n)
        .toExponential(prec ?? 6)
        .replace(/e([+-])(\d)$/, 'e$10$2');
      if (verb === 'E') body = body.toUpperCase();
      return signed(n, flags, body);
    }
    case 'f':
      return ((n) => signed(n, flags, Math.abs(n).toFixed(prec ?? 6)))(need(arg, T.number, raw).num);
    case 'g':
    case 'G': {
      const n = need(arg, T.number, raw).num;
      let body = prec === undefined ? goG(Math.abs(n)) : String(Number(Math.abs(n).toPrecision(prec)));
      if (verb === 'G') body = body.toUpperCase();
      return signed(n, flags, body);
    }
    default:
      return fail(`unsupported format verb '${verb}' in ${raw.replace(' at ', ' at offset ')}`);
  }
}

function goG(n: number): string {
  const e = n.toExponential();
  const exp = Number(e.split('e')[1]);
  if (exp < -4 || exp >= 21) return e.replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

/** format and formatlist. */
export const formatFunctions: Record<string, FunctionSpec> = {
  format: fn(
    [param('format', T.string)],
    T.string,
    ([f, ...args]) => Value.string(formatString(f!.str, args)),
    param('args', T.dynamic, { allowNull: true }),
  ),
  formatlist: fn(
    [param('format', T.string)],
    T.list(T.string),
    ([f, ...args]) => {
      let n: number | undefined;
      let first = 0;
      args.forEach((a, i) => {
        const k = a!.type.kind;
        if (!a!.isNull && (k === 'list' || k === 'tuple' || k === 'set')) {
          if (n !== undefined && n !== a!.length)
            failArg(
              i + 1,
              `argument ${i + 1} has length ${a!.length}, which is inconsistent with argument ${first} of length ${n}`,
            );
          if (n === undefined) first = i + 1;
          n = a!.length;
        }
      });
      const count = n ?? 1;
      const out: Value[] = [];
      for (let i = 0; i < count; i++) {
        const row = args.map((a) => {
          const k = a!.type.kind;
          return !a!.isNull && (k === 'list' || k === 'tuple' || k === 'set') ? a!.elems[i]! : a!;
        });
        out.push(Value.string(formatString(f!.str, row)));
      }
      return Value.list(out, T.string);
    },
    param('args', T.dynamic, { allowNull: true }),
  ),
};
