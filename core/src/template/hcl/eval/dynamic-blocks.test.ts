import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { packerFunctions } from '../../functions/index.js';
import { initHclParser, parseHcl } from '../syntax/parse.js';
import { expandDynamicBlocks } from './dynamic-blocks.js';
import { evaluate } from './evaluate.js';
import { toJs } from './js.js';
import { makeScope } from './scope.js';
import { Value } from './value.js';

const scope = makeScope(
  { var: Value.object({ ports: Value.tuple([Value.number(22), Value.number(80)]) }) },
  packerFunctions({ baseDir: '.' }),
);

before(() => initHclParser());

describe('dynamic blocks', () => {
  it('expands into ordinary blocks bound to the iterator', () => {
    const src = `source "x" "y" {
  dynamic "port" {
    for_each = var.ports
    iterator = p
    labels   = ["l\${p.key}"]
    content {
      number = p.value
      name   = "port-\${p.key}"
    }
  }
  other = 1
}
`;
    const parsed = parseHcl(src, 't.pkr.hcl');
    assert.deepEqual(parsed.diagnostics, []);
    const body = parsed.body.blocks[0]!.body;
    const r = expandDynamicBlocks(body, scope);
    assert.deepEqual(r.diagnostics, []);
    const ports = r.body.blocks.filter((b) => b.type === 'port');
    assert.equal(ports.length, 2);
    assert.deepEqual(
      ports.map((b) => b.labels.map((l) => l.value)),
      [['l0'], ['l1']],
    );
    const values = ports.map((b) =>
      Object.fromEntries(b.body.attributes.map((a) => [a.name, toJs(evaluate(a.expr, scope).value)])),
    );
    assert.deepEqual(values, [
      { number: 22, name: 'port-0' },
      { number: 80, name: 'port-1' },
    ]);
    assert.equal(r.body.attributes.length, 1);
  });
  it('reports a bad for_each at its range', () => {
    const src = 'dynamic "x" {\n  for_each = 5\n  content {}\n}\n';
    const r = expandDynamicBlocks(parseHcl(src, 't.pkr.hcl').body, scope);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]?.range?.start.line, 2);
    assert.equal(r.body.blocks.length, 0);
  });
});
