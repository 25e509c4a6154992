import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { printable } from '../hcl/eval/console-format.js';
import { evaluate } from '../hcl/eval/evaluate.js';
import { parseExpression } from '../hcl/eval/parse-expression.js';
import { makeScope } from '../hcl/eval/scope.js';
import { Value } from '../hcl/eval/value.js';
import { initHclParser } from '../hcl/syntax/parse.js';
import { packerFunctions } from './index.js';

const NETWORK = new Set([
  'vault',
  'consul_key',
  'aws_secretsmanager',
  'aws_secretsmanager_raw',
  'bcrypt',
  'uuidv4',
  'timestamp',
]);
const POOL = [
  '1',
  '"a"',
  'true',
  'null',
  '[1]',
  '{a = 1}',
  'u',
  's',
  '1.5',
  '-1',
  'convert(["a"], set(string))',
];
const FORMS = [
  'A + B',
  'A == B',
  'A && B',
  'A ? B : A',
  'A[B]',
  'A.b',
  'A[*].b',
  '[for x in A : B]',
  '{for k, v in A : k => B}',
  '"${A}${B}"',
  '"%{for x in A}${x}%{endfor}"',
  'max(A...)',
  '{(A) = B}',
];

before(() => initHclParser());

describe('robustness', () => {
  const fns = packerFunctions({ baseDir: '/nonexistent' });
  const scope = makeScope({ u: Value.unknown(), s: Value.string('x').mark() }, fns);
  const check = (text: string) => {
    const p = parseExpression(text, 'f.pkr.hcl');
    assert.doesNotThrow(() => printable(evaluate(p.expr, scope).value), text);
  };
  it('no function throws on any argument: problems are diagnostics', () => {
    for (const name of fns.keys()) {
      if (NETWORK.has(name)) continue;
      check(`${name}()`);
      for (const a of POOL) {
        check(`${name}(${a})`);
        for (const b of POOL) check(`${name}(${a}, ${b})`);
      }
    }
  });
  it('no operator or expression form throws on any operand', () => {
    for (const f of FORMS)
      for (const a of POOL) for (const b of POOL) check(f.replaceAll('A', a).replace('B', b));
  });
});
