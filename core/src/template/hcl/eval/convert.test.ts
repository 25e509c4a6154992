import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initHclParser } from '../syntax/parse.js';
import { ConversionError, convert } from './convert.js';
import { fromJs, toJs, UnknownValueError } from './js.js';
import { parseExpression } from './parse-expression.js';
import { typeFromExpr } from './type-expr.js';
import { T, type Type, typeString } from './types.js';
import { unify } from './unify.js';
import { Value } from './value.js';

function typeOf(text: string): Type {
  const p = parseExpression(text, 'v.pkr.hcl');
  const r = typeFromExpr(p.expr);
  assert.deepEqual(r.diagnostics, [], text);
  return r.type;
}

function conv(js: unknown, type: string): unknown {
  return toJs(convert(fromJs(js), typeOf(type)));
}

function convError(js: unknown, type: string): string {
  try {
    convert(fromJs(js), typeOf(type));
  } catch (e) {
    assert.ok(e instanceof ConversionError);
    return e.detail;
  }
  return assert.fail('conversion succeeded');
}

before(() => initHclParser());

describe('type expressions', () => {
  for (const t of [
    'string',
    'number',
    'bool',
    'any',
    'list(string)',
    'set(number)',
    'map(list(bool))',
    'tuple([string, number])',
    'object({a=string, b=list(number)})',
  ]) {
    it(t, () => assert.equal(typeString(typeOf(t)), t.replace(', b', ', b')));
  }
  it('reports invalid type expressions', () => {
    const r = typeFromExpr(parseExpression('list(strin)', 'v.pkr.hcl').expr);
    assert.equal(r.diagnostics[0]?.summary, 'Invalid type specification');
    assert.equal(r.diagnostics[0]?.range?.start.column, 6);
  });
});

describe('convert', () => {
  it('converts primitives both ways', () => {
    assert.equal(conv('12', 'number'), 12);
    assert.equal(conv(1.5, 'string'), '1.5');
    assert.equal(conv(true, 'string'), 'true');
    assert.equal(conv('false', 'bool'), false);
    assert.equal(conv(1e21, 'string'), '1000000000000000000000');
  });
  it('converts structures', () => {
    assert.deepEqual(conv([1, '2'], 'list(number)'), [1, 2]);
    assert.deepEqual(conv(['b', 'a', 'b'], 'set(string)'), ['a', 'b']);
    assert.deepEqual(conv({ a: 1 }, 'map(string)'), { a: '1' });
    assert.deepEqual(conv({ a: 1, extra: true }, 'object({a=string})'), { a: '1' });
    assert.deepEqual(
      conv({ a: 1 }, 'object({a=number, b=optional(string), c=optional(list(string), ["x"])})'),
      {
        a: 1,
        b: null,
        c: ['x'],
      },
    );
    assert.deepEqual(conv([1, 'a'], 'list(any)'), ['1', 'a']);
    assert.deepEqual(conv(null, 'list(string)'), null);
  });
  it('explains what is wrong, and where', () => {
    assert.equal(convError('abc', 'number'), 'a number is required.');
    assert.equal(convError({}, 'object({a=string})'), 'attribute "a" is required.');
    assert.equal(convError([[1]], 'list(string)'), 'element 0: string required.');
    assert.equal(convError({ a: [] }, 'object({a=number})'), 'attribute "a": number required.');
    assert.equal(convError([1, true], 'list(number)'), 'element 1: number required.');
  });
  it('keeps unknowns unknown with the target type, and sensitive marks', () => {
    const u = convert(Value.unknown(), T.list(T.string));
    assert.equal(u.isKnown, false);
    assert.equal(u.type.kind, 'list');
    assert.ok(convert(Value.string('1').mark(), T.number).isSensitive);
  });
});

describe('unify', () => {
  it('picks the common type', () => {
    assert.equal(typeString(unify([T.string, T.number])!), 'string');
    assert.equal(unify([T.number, T.bool]), undefined);
    assert.equal(typeString(unify([T.object({ a: T.number }), T.object({ b: T.string })])!), 'map(string)');
  });
});

describe('toJs and fromJs', () => {
  it('round-trips JSON-like data', () => {
    const data = { a: [1, 'x', true, null], b: { c: 2.5 } };
    assert.deepEqual(toJs(fromJs(data)), data);
  });
  it('refuses unknowns unless told what to put there', () => {
    const v = Value.object({ a: Value.tuple([Value.unknown()]) });
    assert.throws(
      () => toJs(v),
      (e: unknown) => e instanceof UnknownValueError && e.message === 'value.a[0] is not known yet',
    );
    assert.deepEqual(toJs(v, { unknownAs: () => '<unknown>' }), { a: ['<unknown>'] });
  });
});
