import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { renderDiagnostics } from '../../../diagnostics/render-text.js';
import { packerFunctions } from '../../functions/index.js';
import { initHclParser } from '../syntax/parse.js';
import { evaluate } from './evaluate.js';
import { parseExpression } from './parse-expression.js';
import { makeScope } from './scope.js';
import { Value } from './value.js';

const scope = makeScope(
  {
    var: Value.object({
      s: Value.string('a"b'),
      n: Value.number(1234567890123),
      f: Value.number(0.5),
      t: Value.bool(true),
      nul: Value.null(),
      l: Value.tuple([Value.number(1), Value.number(2)]),
      one: Value.list([Value.string('x')]),
      e: Value.tuple([]),
      o: Value.object({ k: Value.string('v') }),
      secret: Value.string('hunter2').mark(),
    }),
  },
  packerFunctions({ baseDir: process.cwd() }),
);

function valuesOf(text: string): string[] | undefined {
  const r = evaluate(parseExpression(text, 'x.pkr.hcl').expr, scope);
  assert.ok(r.diagnostics.length > 0, `${text} fails`);
  return r.diagnostics[0]!.values;
}

describe('values named by an expression diagnostic (HCL "with ...")', () => {
  before(initHclParser);

  it('describes each referenced value as HCL does, sorted and once', () => {
    assert.deepEqual(valuesOf('var.s + var.s'), ['var.s as "a\\"b"']);
    assert.deepEqual(valuesOf('var.n + var.s'), ['var.s as "a\\"b"']);
    assert.deepEqual(valuesOf('abs(var.s) + var.n + var.f + (var.t ? 1 : 2)'), ['var.s as "a\\"b"']);
    assert.deepEqual(valuesOf('var.n ? 1 : 2'), ['var.n as 1.23456789e+12']);
    assert.deepEqual(valuesOf('var.l + 1'), ['var.l as tuple with 2 elements']);
    assert.deepEqual(valuesOf('var.one + 1'), ['var.one as list of string with 1 element']);
    assert.deepEqual(valuesOf('var.e + 1'), ['var.e as empty tuple']);
    assert.deepEqual(valuesOf('var.o + 1'), ['var.o as object with 1 attribute "k"']);
    assert.deepEqual(valuesOf('upper(var.nul)'), ['var.nul set to null']);
  });

  it('never shows a sensitive value', () => {
    assert.deepEqual(valuesOf('var.secret + 1'), ['var.secret as (sensitive value)']);
  });

  it('uses the iteration values of a for expression', () => {
    assert.deepEqual(valuesOf('[for x in var.l : x if x]'), ['x as 1']);
  });

  it('leaves out references that do not evaluate', () => {
    assert.deepEqual(valuesOf('var.nope + 1'), []);
  });

  it('is rendered between the excerpt and the detail', () => {
    const r = evaluate(parseExpression('var.s * 2', 'x.pkr.hcl').expr, scope);
    const text = renderDiagnostics(r.diagnostics);
    assert.match(text, /\n\nwith var\.s as "a\\"b"\.\n\nUnsuitable value for left operand/);
  });
});
