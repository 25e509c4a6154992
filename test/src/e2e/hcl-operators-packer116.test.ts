// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL expression text, not JS templates
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleBatch } from './console-batch.js';
import { generateExpressions } from './hcl-operators-generate.js';

// Generated expressions mixing ?:, ||, &&, !, comparisons, arithmetic, unary
// minus, indexes, attribute access, splats and for-expressions, printed with
// as few parentheses as HCL's precedence allows (and a few redundant ones),
// evaluated by Packer 1.16's `packer console` and by `kiln console`.
// KILN_FUZZ_SEED reproduces a run; KILN_OPERATOR_COUNT changes its size.

const SEED = Number(process.env.KILN_FUZZ_SEED ?? 20261203);
const COUNT = Number(process.env.KILN_OPERATOR_COUNT ?? 600);

const VARS = `variable "nums" {
  default = [3, -1, 4, 0, 5]
}
variable "flags" {
  default = [true, false]
}
variable "objs" {
  default = [{ a = 1, b = true, c = [2, 3] }, { a = -2, b = false, c = [5, 7] }]
}
variable "m" {
  default = { x = 10, y = -3 }
}
variable "s" {
  default = "Hello, wörld"
}
`;

/** Hand-written cases: the associativity and precedence rules one at a time. */
const FIXED = [
  'packer.version',
  'path.root',
  'true ? true : false ? false : true',
  'true ? "a" : false ? "b" : "c"',
  'false ? "a" : false ? "b" : "c"',
  'false ? 1 : true ? 2 : 3',
  'true ? false ? 1 : 2 : 3',
  '1 + 2 * 3 - 4 / 2 % 3',
  '10 - 4 - 3',
  '12 / 3 / 2',
  '7 % 4 % 2',
  '- 2 * 3',
  '-2 - -3',
  '!true == false',
  '!false && false',
  'true || false && false',
  'false && true || true',
  '1 < 2 == 2 > 1',
  '1 == 1 == true',
  '1 + 1 == 2 && 3 > 2 || false',
  'true ? 1 : 2 + 3',
  'false ? 1 : 2 + 3',
  'false ? 1 : 2 == 2',
  '!!true',
  '- -1',
  '-var.nums[1]',
  '-var.m.y * 2',
  'var.objs[*].a',
  'var.objs.*.a',
  'var.objs[*].c[1]',
  'var.objs.*.c[1]',
  'var.objs[0].c[1] * var.objs[1].c[0]',
  '[for o in var.objs : o.a * 2 if o.b || o.a < 0]',
  '{ for k, v in var.m : k => v > 0 ? "pos" : "neg" }',
  '[1, 2, 3][1 + 1]',
  '{ a = 1 }.a + 1',
  'var.flags[0] ? var.nums[2] : var.nums[3]',
  'var.nums[*]',
  '(true ? 1 : 2) + 1',
  '1 < 2 ? 3 < 4 ? "a" : "b" : "c"',
  '1 / 0',
  '[-1 / 0, "${1 / 0}"]',
  '0 / 0',
  '5 % 0',
  '-5 % 0',
  '1 / 0 - 1 / 0',
  '0 * (1 / 0)',
  'jsonencode(1 / 0)',
  'true || nope',
  'false && nope',
  'nope || true',
  'null || true',
  'null + 1',
  '!null',
  'null ? 1 : 2',
  '"true" ? 1 : 2',
  'true ? 1 : "a"',
  'true ? 1 : [1]',
  'true ? {a = 1} : {b = 1}',
  '[1, 2][1.5]',
  '[1, 2][-1]',
  '[1, 2][2]',
  '[1, 2][3]',
  '[][0]',
  '{a = 1}[1]',
  '{a = 1}.a.b',
  '[{a = 1}].a',
  'var.objs[0].nope',
  'null[*]',
  '[for x in null : x]',
  '[for x in var.nums : x if x]',
  '"a" + 1',
  '"1" + 1',
  '"True" && true',
  '[0 / -2, "${0 / -2}", -4 % 2, -0 % 4, jsonencode(0 * -1)]',
  'format("%v %d %f", 0 * -1, 0 * -1, 0 * -1)',
];

/** Input that does not parse: the error's summary and detail must be Packer's. */
const SYNTAX = [
  '1 +',
  '(1',
  '[1,',
  '{a = }',
  '1 2',
  '== 1',
  '!',
  '-',
  '1 ? 2',
  'x ? 1',
  'x?',
  '"abc',
  '"${1}',
  '"${1 +}"',
  'var.',
  'a.*.',
  'a[',
  'f(,)',
  '[,]',
  '{,}',
  '(1))',
  '1)',
  ']',
  '}',
  'upper(',
  'upper("a"',
  'upper("a",',
  'f(g(1)',
  '[for x in [1]: ]',
  '"%{if true}"',
  '"%{for x in [1]}"',
  '"%{ endif }"',
  '"%{ else }"',
  '"%{ endfor }"',
  '"\\q"',
  '"\\u12"',
  '{a = 1 b = 2}',
  'a::b()',
  'provider::x::y(1)',
  'a[1',
  'var.n[0',
  'a[b[1]',
  '[1, 2',
  '[1',
  '[[1]',
  'f(1 +',
];

describe('HCL operators against packer console 1.16', () => {
  it(`evaluates ${FIXED.length} hand-written, ${SYNTAX.length} invalid and ${COUNT} generated expressions (seed ${SEED}) as Packer does`, {
    timeout: 300_000,
  }, async () => {
    const expressions = [...FIXED, ...SYNTAX, ...generateExpressions(SEED, COUNT)];
    const { packer, kiln } = await consoleBatch({ files: { 'vars.pkr.hcl': VARS }, expressions });
    const mismatches: string[] = [];
    expressions.forEach((e, i) => {
      if (packer[i] !== kiln[i]) mismatches.push(`${e}\n    packer: ${packer[i]}\n    kiln:   ${kiln[i]}`);
    });
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length} of ${expressions.length} differ (KILN_FUZZ_SEED=${SEED}):\n${mismatches.slice(0, 40).join('\n')}`,
    );
    // The generator must produce mostly well-typed expressions, or it tests error paths only.
    const values = packer.filter((p) => !p.startsWith('Error: ')).length;
    assert.ok(values > expressions.length * 0.7, `only ${values} of ${expressions.length} have a value`);
  });
});
