/**
 * Random, mostly well-typed HCL expressions for the operator differential
 * test. A typed tree is generated, then printed with parentheses only where
 * HCL's precedence needs them (plus a few redundant ones), so the printed
 * text exercises precedence and associativity without changing its meaning.
 *
 * Levels, loosest first (hclsyntax spec): 0 `?:` (right-associative),
 * 1 `||`, 2 `&&`, 3 `==` `!=`, 4 `<` `<=` `>` `>=`, 5 `+` `-`, 6 `*` `/` `%`
 * (binary operators left-associative), 7 unary `!` `-`, 8 postfix (index,
 * attribute, splat), 9 primary.
 */

type Ty = 'num' | 'bool' | 'str';

interface Node {
  level: number;
  print(): string;
}

const leaf = (text: string, level = 9): Node => ({ level, print: () => text });

function wrap(n: Node, min: number, rand: () => number): string {
  const s = n.print();
  return n.level < min || (n.level < 9 && rand() < 0.08) ? `(${s})` : s;
}

const BIN: Record<string, { level: number; args: Ty; result: Ty }> = {
  '||': { level: 1, args: 'bool', result: 'bool' },
  '&&': { level: 2, args: 'bool', result: 'bool' },
  '==': { level: 3, args: 'num', result: 'bool' },
  '!=': { level: 3, args: 'bool', result: 'bool' },
  '<': { level: 4, args: 'num', result: 'bool' },
  '<=': { level: 4, args: 'num', result: 'bool' },
  '>': { level: 4, args: 'num', result: 'bool' },
  '>=': { level: 4, args: 'num', result: 'bool' },
  '+': { level: 5, args: 'num', result: 'num' },
  '-': { level: 5, args: 'num', result: 'num' },
  '*': { level: 6, args: 'num', result: 'num' },
  '%': { level: 6, args: 'num', result: 'num' },
  '/': { level: 6, args: 'num', result: 'num' },
};

class Gen {
  constructor(private readonly rand: () => number) {}

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }

  expr(ty: Ty, depth: number): Node {
    if (depth <= 0 || this.rand() < 0.15) return this.atom(ty);
    const r = this.rand();
    if (ty === 'str') return r < 0.25 ? this.conditional(ty, depth) : this.str(depth);
    if (r < 0.2) return this.conditional(ty, depth);
    if (r < 0.3) return this.unary(ty, depth);
    if (r < 0.42) return this.postfix(ty, depth);
    return this.binary(ty, depth);
  }

  atom(ty: Ty): Node {
    if (ty === 'str')
      return leaf(this.pick(['"a"', '""', '"é"', '"A b"', '"10"', '"true"', 'var.s', '"x\\ty"']));
    if (ty === 'bool') {
      return leaf(this.pick(['true', 'false', 'var.flags[0]', 'var.flags[1]', 'var.objs[1].b', '!false']), 9);
    }
    return leaf(
      this.pick(['0', '1', '2', '3', '7', '10', '1.5', '0.25', 'var.nums[2]', 'var.m.y', 'var.m["x"]']),
      9,
    );
  }

  conditional(ty: Ty, depth: number): Node {
    const c = this.expr('bool', depth - 1);
    const t = this.expr(ty, depth - 1);
    const f = this.expr(ty, depth - 1);
    // The condition is a binary-operator operand (a conditional there needs
    // parentheses); either branch takes any expression.
    return {
      level: 0,
      print: () => `${wrap(c, 1, this.rand)} ? ${wrap(t, 0, this.rand)} : ${wrap(f, 0, this.rand)}`,
    };
  }

  unary(ty: Ty, depth: number): Node {
    const op = ty === 'bool' ? '!' : '-';
    const x = this.expr(ty, depth - 1);
    const space = op === '-' && this.rand() < 0.3 ? ' ' : '';
    return { level: 7, print: () => `${op}${space}${wrap(x, 7, this.rand)}` };
  }

  binary(ty: Ty, depth: number): Node {
    const ops = Object.entries(BIN).filter(([, o]) => o.result === ty);
    const [op, info] = this.pick(ops);
    const args: Ty = op === '==' || op === '!=' ? this.pick(['num', 'bool'] as const) : info.args;
    const l = this.expr(args, depth - 1);
    let r = this.expr(args, depth - 1);
    // Kiln computes with doubles, Packer with 512-bit floats (a documented
    // difference): divisors are powers of two so quotients stay exact.
    if (op === '/') r = leaf(this.pick(['2', '4', '0.5', '-2', '8']));
    if (op === '%' && this.rand() < 0.9) r = leaf(this.pick(['2', '3', '4', '0.5', '-2']));
    return {
      level: info.level,
      print: () => `${wrap(l, info.level, this.rand)} ${op} ${wrap(r, info.level + 1, this.rand)}`,
    };
  }

  /** String-valued expressions: templates (with strip markers and directives) and string functions. */
  str(depth: number): Node {
    const a = () => this.expr('str', depth - 1);
    const n = () => this.expr(this.pick(['num', 'bool', 'str'] as const), depth - 1);
    const p = (x: string): Node => leaf(x, 8);
    return this.pick([
      () => p(`"\${${n().print()}}-\${${a().print()}}"`),
      () => p(`"%{ if ${this.expr('bool', depth - 1).print()} }y%{ else }n%{ endif }"`),
      () => p(`"%{ for v in [${a().print()}, ${a().print()}] ~} <\${v}> %{~ endfor }"`),
      () => p(`upper(${a().print()})`),
      () => p(`lower(${a().print()})`),
      () => p(`format("%s|%v", ${a().print()}, ${n().print()})`),
      () => p(`join("-", [${a().print()}, ${n().print()}])`),
      () => p(`substr(${a().print()}, ${this.pick(['0', '1', '-1'])}, ${this.pick(['1', '2', '-1'])})`),
      () => p(`trimspace(${a().print()})`),
      () => p(`replace(${a().print()}, "a", ${a().print()})`),
      () => p(`jsonencode([${n().print()}, ${a().print()}])`),
      () => p(`split(",", "a,b")[${this.pick(['0', '1'])}]`),
      () => p(`title(${a().print()})`),
      () => p(`strrev(${a().print()})`),
      () => p(`coalesce(${a().print()}, "z")`),
    ])();
  }

  /** Indexes, attribute access, splats and for-expressions yielding `ty`. */
  postfix(ty: Ty, depth: number): Node {
    const i = this.pick(['0', '1']);
    const p = (s: string): Node => leaf(s, 8);
    if (ty === 'bool') {
      const x = this.expr('bool', depth - 1);
      const y = this.expr('bool', depth - 1);
      const s1 = () => this.expr('str', depth - 1);
      return this.pick([
        () => p(`[${x.print()}, ${y.print()}][${i}]`),
        () => p(`${wrap(s1(), 4, this.rand)} == ${wrap(s1(), 4, this.rand)}`),
        () => p(`startswith(${s1().print()}, "a")`),
        () => p(`contains([${s1().print()}, "a"], ${s1().print()})`),
        () => p(`length(${s1().print()}) > 1`),
        () => p(`can(regex("^[a-z]+$", ${s1().print()}))`),
        () => p(`{ k = ${x.print()} }.k`),
        () => p(`var.objs.*.b[${i}]`),
        () => p(`alltrue(var.objs[*].b) || var.objs[${i}].b`),
        () => p(`[for o in var.objs : o.b == ${wrap(x, 4, this.rand)}][${i}]`),
        () => p(`[for n in var.nums : n if ${x.print()}][0] == 3`),
      ])();
    }
    const x = this.expr('num', depth - 1);
    const y = this.expr('num', depth - 1);
    return this.pick([
      () => p(`[${x.print()}, ${y.print()}][${i}]`),
      () => p(`length(${this.expr('str', depth - 1).print()})`),
      () => p(`parseint("1${this.pick(['0', '7', 'f'])}", 16)`),
      () => p(`max(${x.print()}, ${y.print()})`),
      () => p(`abs(${x.print()})`),
      () => p(`floor(${x.print()})`),
      () => p(`{ k = ${x.print()} }.k`),
      () => p(`{ k = { j = ${x.print()} } }["k"].j`),
      () => p(`sum(var.objs[*].c[${i}])`),
      () => p(`var.objs.*.a[${i}]`),
      () => p(`var.objs[${i}].c[${i}]`),
      () => p(`[{ v = ${x.print()} }, { v = ${y.print()} }].*.v[${i}]`),
      () => p(`sum([{ v = [${x.print()}] }, { v = [${y.print()}] }][*].v[0])`),
      () => p(`[for n in var.nums : n * ${wrap(x, 7, this.rand)}][${i}]`),
      () => p(`{ for k, v in var.m : k => v - ${wrap(x, 6, this.rand)} }.x`),
      () => p(`var.nums[${wrap(leaf(this.pick(['0', '1', '2', '4'])), 0, this.rand)}]`),
      () => p(`length([${x.print()}, ${y.print()}])`),
      () => p(`sum([[${x.print()}, ${y.print()}]][*][${i}])`),
    ])();
  }
}

/** A deterministic PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` expressions from `seed`, each on one line. */
export function generateExpressions(seed: number, count: number): string[] {
  const rand = seeded(seed);
  const gen = new Gen(rand);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const r = rand();
    const ty: Ty = r < 0.4 ? 'num' : r < 0.75 ? 'bool' : 'str';
    out.push(gen.expr(ty, 2 + Math.floor(rand() * 4)).print());
  }
  return out;
}
