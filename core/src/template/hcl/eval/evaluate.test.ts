import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { packerFunctions } from '../../functions/index.js';
import { initHclParser } from '../syntax/parse.js';
import { printable } from './console-format.js';
import { evaluate } from './evaluate.js';
import { parseExpression } from './parse-expression.js';
import { makeScope } from './scope.js';
import { T } from './types.js';
import { Value } from './value.js';
import { containsSensitive, sensitiveStrings } from './value-marks.js';

const scope = makeScope(
  {
    var: Value.object({
      name: Value.string('kiln'),
      n: Value.number(3),
      list: Value.list([Value.string('a'), Value.string('b')]),
      secret: Value.string('hunter2').mark(),
      objs: Value.tuple([Value.object({ id: Value.number(1) }), Value.object({ id: Value.number(2) })]),
    }),
    build: Value.unknown(T.object({ ID: T.string, Host: T.string })),
    data: Value.unknown(),
  },
  packerFunctions({ baseDir: process.cwd() }),
);

function run(text: string) {
  const p = parseExpression(text, 'test.pkr.hcl');
  assert.deepEqual(p.diagnostics, [], `parse ${text}`);
  return evaluate(p.expr, scope);
}

function show(text: string): string {
  const r = run(text);
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.summary}: ${d.detail}`),
    [],
    text,
  );
  return printable(r.value).replace(/\s*\n\s*/g, ' ');
}

before(() => initHclParser());

describe('evaluate', () => {
  const cases: [string, string][] = [
    ['1 + 2 * 3', '7'],
    ['"5" + 1', '6'],
    ['7 % 3', '1'],
    ['-var.n', '-3'],
    ['1 == "1"', 'false'],
    ['[1] == [1]', 'true'],
    ['!true || false', 'false'],
    ['3 >= 3', 'true'],
    ['"${var.name}-${var.n}"', 'kiln-3'],
    ['"a%{if var.n > 2}big%{else}small%{endif}"', 'abig'],
    ['"%{for i, x in var.list}${i}${x} %{endfor}"', '0a 1b '],
    ['"%{ for x in var.list ~} ${x} %{~ endfor }"', 'ab'],
    ['<<EOT\n  a ${var.name}\nEOT', '  a kiln '],
    ['<<-EOT\n    a\n      b\n    EOT', 'a b '],
    ['var.list[1]', 'b'],
    ['var.list.0', 'a'],
    ['var.objs[*].id', '[ 1, 2, ]'],
    ['var.objs.*.id', '[ 1, 2, ]'],
    ['{a = 1}.a', '1'],
    ['{a = {b = [10, 20]}}["a"].b[1]', '20'],
    ['var.n > 2 ? "x" : "y"', 'x'],
    ['true ? 1 : "a"', '1'],
    ['[for x in var.list : upper(x)]', '[ "A", "B", ]'],
    ['[for i, x in var.list : i if x != "a"]', '[ 1, ]'],
    ['{for k, v in {a = 1, b = 2} : v => k}', '{ "1" = "a" "2" = "b" }'],
    ['{for x in ["a", "ab", "b"] : substr(x, 0, 1) => x...}', '{ "a" = [ "a", "ab", ] "b" = [ "b", ] }'],
    ['[for x in convert(["b", "a"], set(string)) : x]', '[ "a", "b", ]'],
    ['max([3, 9, 2]...)', '9'],
    ['{(var.name) = 1, "k" = 2}', '{ "k" = 2 "kiln" = 1 }'],
    ['try(var.missing, "fallback")', 'fallback'],
    ['can(var.list[5])', 'false'],
    ['length(var.list)', '2'],
    ['null', 'null'],
  ];
  for (const [text, want] of cases) {
    it(text.replace(/\n/g, '\\n'), () => assert.equal(show(text), want));
  }
});

describe('evaluate errors', () => {
  const cases: [string, string, string, number, number][] = [
    ['nope', 'Unknown variable', 'There is no variable named "nope".', 1, 1],
    ['vars.name', 'Unknown variable', 'There is no variable named "vars". Did you mean "var"?', 1, 1],
    ['var.nam', 'Unsupported attribute', 'This object does not have an attribute named "nam".', 1, 4],
    ['var.list[2]', 'Invalid index', '', 1, 9],
    [
      'uper("a")',
      'Call to unknown function',
      'There is no function named "uper". Did you mean "upper"?',
      1,
      1,
    ],
    ['upper(1, 2)', 'Too many function arguments', '', 1, 1],
    [
      'upper(null)',
      'Invalid function argument',
      'Invalid value for "str" parameter: argument must not be null.',
      1,
      7,
    ],
    ['upper([])', 'Invalid function argument', 'Invalid value for "str" parameter: string required.', 1, 7],
    ['1 + "x"', 'Invalid operand', 'Unsuitable value for right operand: a number is required.', 1, 5],
    ['true && 1', 'Invalid operand', 'Unsuitable value for right operand: bool required.', 1, 9],
    ['"a" ? 1 : 2', 'Incorrect condition type', 'The condition expression must be of type bool.', 1, 1],
    ['"x${[1]}"', 'Invalid template interpolation value', '', 1, 5],
    ['{for x in [1, 1] : x => x}', 'Duplicate object key', '', 1, 20],
  ];
  for (const [text, summary, detail, line, column] of cases) {
    it(text, () => {
      const r = run(text);
      assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
      const d = r.diagnostics[0]!;
      assert.equal(d.summary, summary);
      if (detail) assert.equal(d.detail, detail);
      assert.equal(d.range?.filename, 'test.pkr.hcl');
      assert.deepEqual([d.range?.start.line, d.range?.start.column], [line, column]);
      assert.equal(r.value.isKnown, false);
    });
  }
  it('reports only the problems of the conditional branch taken', () => {
    assert.equal(show('var.n > 5 ? substr(sha256(null), 0, 8) : "fallback"'), 'fallback');
    assert.equal(run('var.n > 1 ? substr(sha256(null), 0, 8) : "fallback"').diagnostics.length, 1);
    // hclsyntax (2.24) reports no branch problems when the condition is unknown.
    assert.equal(run('build.ID == "" ? sha256(null) : "x"').diagnostics.length, 0, 'unknown condition: none');
  });
  it('collects several problems in one expression', () => {
    const r = run('[nope, uper(1), var.list[9]]');
    assert.equal(r.diagnostics.length, 3);
  });
});

describe('unknown and sensitive values', () => {
  it('propagates unknowns through operations', () => {
    for (const text of [
      '"id-${build.ID}"',
      'upper(build.ID)',
      'length(data)',
      'build.ID == "x"',
      '[build.ID][0]',
      'data.x.y',
    ]) {
      const r = run(text);
      assert.deepEqual(r.diagnostics, [], text);
      assert.equal(r.value.isKnown, false, text);
    }
    assert.equal(run('upper(build.ID)').value.type.kind, 'string');
  });
  it('reports unknown attributes of a typed unknown object', () => {
    assert.equal(run('build.Nope').diagnostics[0]?.summary, 'Unsupported attribute');
  });
  it('an unknown condition gives an unknown of the unified type', () => {
    const v = run('build.ID == "" ? 1 : 2').value;
    assert.equal(v.isKnown, false);
    assert.equal(v.type.kind, 'number');
  });
  it('false && unknown is false', () => assert.equal(show('false && build.ID == ""'), 'false'));
  it('propagates sensitive marks', () => {
    for (const text of [
      'var.secret',
      'upper(var.secret)',
      '"pw=${var.secret}"',
      'var.secret == "x"',
      '[var.secret]',
      'length(var.secret)',
      'var.secret != "" ? "a" : "b"',
    ]) {
      const r = run(text);
      assert.deepEqual(r.diagnostics, [], text);
      assert.ok(containsSensitive(r.value), text);
    }
    // Printed with its marks ignored: the output masks it (maskSensitive).
    assert.equal(printable(run('upper(var.secret)').value), 'HUNTER2');
  });
});

describe('sensitiveStrings', () => {
  it('lists the secrets inside a value, for masking', () => {
    assert.deepEqual(sensitiveStrings(run('{a = var.secret, b = [var.name, upper(var.secret)]}').value), [
      'hunter2',
      'HUNTER2',
    ]);
  });
});
