import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, failArg, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

interface Cidr {
  v6: boolean;
  addr: bigint;
  bits: number;
}

function parseIp(s: string): { v6: boolean; addr: bigint } | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) {
    const parts = s.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { v6: false, addr: parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n) };
  }
  if (!s.includes(':')) return undefined;
  const [head = '', tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  if (tail === undefined && h.length !== 8) return undefined;
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { v6: true, addr: groups.reduce((a, g) => (a << 16n) | BigInt(`0x${g}`), 0n) };
}

function parseCidr(s: string): Cidr {
  const [ip = '', bits] = s.split('/');
  const a = parseIp(ip);
  const n = Number(bits);
  if (!a || bits === undefined || !/^\d+$/.test(bits) || n > (a.v6 ? 128 : 32))
    fail(`invalid CIDR expression: invalid CIDR address: ${s}`);
  const width = a.v6 ? 128 : 32;
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - n)) - 1n);
  return { v6: a.v6, addr: a.addr & mask, bits: n };
}

function formatIp(v6: boolean, addr: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((addr >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((addr >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

function whole(n: number, what: string): number {
  if (!Number.isInteger(n)) fail(`${what} must be a whole number`);
  return n;
}

function subnet(c: Cidr, newbits: number, num: number): Cidr {
  whole(newbits, 'newbits');
  whole(num, 'netnum');
  const width = c.v6 ? 128 : 32;
  const bits = c.bits + newbits;
  if (bits > width) fail(`insufficient address space to extend prefix of ${c.bits} by ${newbits}`);
  if (num < 0 || BigInt(num) >= 1n << BigInt(newbits))
    fail(`prefix extension of ${newbits} does not accommodate a subnet numbered ${num}`);
  return { v6: c.v6, addr: c.addr | (BigInt(num) << BigInt(width - bits)), bits };
}

/** cidrhost, cidrnetmask, cidrsubnet, cidrsubnets. */
export const networkFunctions: Record<string, FunctionSpec> = {
  cidrhost: fn([param('prefix', T.string), param('hostnum', T.number)], T.string, ([p, h]) => {
    const c = parseCidr(p!.str);
    const width = c.v6 ? 128 : 32;
    const size = 1n << BigInt(width - c.bits);
    let n = BigInt(whole(h!.num, 'hostnum'));
    if (n < 0n) n += size;
    if (n < 0n || n >= size) fail(`prefix of ${c.bits} does not accommodate a host numbered ${h!.num}`);
    return Value.string(formatIp(c.v6, c.addr + n));
  }),
  cidrnetmask: fn([param('prefix', T.string)], T.string, ([p]) => {
    const c = parseCidr(p!.str);
    const width = c.v6 ? 128n : 32n;
    return Value.string(formatIp(c.v6, ((1n << width) - 1n) ^ ((1n << (width - BigInt(c.bits))) - 1n)));
  }),
  cidrsubnet: fn(
    [param('prefix', T.string), param('newbits', T.number), param('netnum', T.number)],
    T.string,
    ([p, b, n]) => {
      const s = subnet(parseCidr(p!.str), b!.num, n!.num);
      return Value.string(`${formatIp(s.v6, s.addr)}/${s.bits}`);
    },
  ),
  cidrsubnets: fn(
    [param('prefix', T.string)],
    T.list(T.string),
    ([p, ...bits]) => {
      const base = parseCidr(p!.str);
      const width = base.v6 ? 128 : 32;
      let next = base.addr;
      const out: Value[] = [];
      for (const [i, b] of bits.entries()) {
        const len = base.bits + whole(b!.num, 'newbits');
        if (len > width)
          failArg(
            i + 1,
            `would extend prefix to ${len} bits, which is too long for an IPv${base.v6 ? 6 : 4} address`,
          );
        const step = 1n << BigInt(width - len);
        next = ((next + step - 1n) / step) * step;
        const end = base.addr + (1n << BigInt(width - base.bits));
        if (next + step > end)
          fail(
            `not enough remaining address space for a subnet with a prefix of ${len} bits after ${formatIp(base.v6, next - 1n)}`,
          );
        out.push(Value.string(`${formatIp(base.v6, next)}/${len}`));
        next += step;
      }
      return Value.list(out, T.string);
    },
    param('newbits', T.number),
  ),
};
