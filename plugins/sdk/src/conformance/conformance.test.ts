import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { v1 } from '@kiln/proto';
import { formatReport } from './format-report.js';
import { processTree } from './process-tree.js';
import { resolveTarget } from './target.js';
import { validateSchema } from './validate-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'kiln-conformance-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const attr = (
  name: string,
  type: string,
  extra: Partial<v1.Attribute__Output> = {},
): v1.Attribute__Output => ({
  name,
  type,
  required: false,
  sensitive: false,
  description: '',
  deprecated: '',
  defaultJson: '',
  aliases: [],
  ...extra,
});
const schema = (s: Partial<v1.Schema__Output>): v1.Schema__Output => ({
  attributes: [],
  blocks: [],
  description: '',
  open: false,
  ...s,
});

test('validateSchema accepts well-formed schemas and names every problem with its path', () => {
  assert.deepEqual(
    validateSchema(schema({ attributes: [attr('a', 'map(list(string))'), attr('b', 'object({x=number})')] })),
    [],
  );
  const problems = validateSchema(
    schema({
      attributes: [
        attr('image', 'strng'),
        attr('image', 'string'),
        attr('bad name', 'string'),
        attr('d', 'number', { defaultJson: '{nope', required: true }),
      ],
      blocks: [
        {
          name: 'inner',
          nesting: 'NESTING_UNSPECIFIED',
          body: schema({ attributes: [attr('x', 'list(')] }),
          minItems: 2,
          maxItems: 1,
          description: '',
        },
      ],
    }),
  );
  assert.equal(problems.length, 8, problems.join('\n'));
  assert.ok(problems.some((p) => /attribute "image": unknown type "strng"/.test(p)));
  assert.ok(problems.some((p) => /attribute "image": declared twice/.test(p)));
  assert.ok(problems.some((p) => /"bad name": not a valid name/.test(p)));
  assert.ok(problems.some((p) => /"d": default_json is not JSON/.test(p)));
  assert.ok(problems.some((p) => /block "inner": nesting must be SINGLE or LIST/.test(p)));
  assert.ok(problems.some((p) => /max_items 1 is less than min_items 2/.test(p)));
  assert.ok(problems.some((p) => /attribute "inner\.x"/.test(p)));
});

test('resolveTarget: a package runs its kiln.main (JS under node, anything else directly) and reads its fixtures', () => {
  const pkg = join(dir, 'pkg');
  mkdirSync(join(pkg, 'conformance'), { recursive: true });
  writeFileSync(join(pkg, 'main.js'), '');
  writeFileSync(join(pkg, 'conformance', 'thing.json'), '{"message":"x"}');
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'p', version: '1.0.0', kiln: { protocol: 1, main: 'main.js' } }),
  );
  const t = resolveTarget(pkg);
  assert.equal(t.command, process.execPath);
  assert.deepEqual(t.args, [join(pkg, 'main.js')]);
  assert.equal(t.version, '1.0.0');
  assert.deepEqual(t.fixtures, { thing: { message: 'x' } });

  const exe = join(dir, 'plugin-bin');
  writeFileSync(exe, '#!/bin/sh\n');
  assert.throws(() => resolveTarget(exe), /not executable/);
  chmodSync(exe, 0o755);
  assert.deepEqual(
    { ...resolveTarget(exe), cwd: '' },
    { command: exe, args: [], cwd: '', name: 'plugin-bin', fixtures: {} },
  );
});

test('resolveTarget explains a package without a "kiln" field and a missing path', () => {
  const plain = join(dir, 'plain');
  mkdirSync(plain, { recursive: true });
  writeFileSync(join(plain, 'package.json'), '{"name":"plain"}');
  assert.throws(() => resolveTarget(plain), /no "kiln" field/);
  assert.throws(() => resolveTarget(join(dir, 'nothing')), /no such file or directory/);
});

test('processTree lists this process first', () => {
  const tree = processTree(process.pid);
  assert.equal(tree[0]?.pid, process.pid);
});

test('formatReport marks each check and ends with the summary', () => {
  const text = formatReport({
    target: 'x',
    plugin: { name: 'p', version: '1', sdk: '' },
    checks: [
      { id: 'a', title: 'A', status: 'pass', reason: 'fine', details: [], durationMs: 1 },
      { id: 'b', title: 'B', status: 'fail', reason: 'bad', details: ['line1\nline2'], durationMs: 1 },
      { id: 'c', title: 'C', status: 'skip', reason: 'not run: no fixture', details: [], durationMs: 0 },
    ],
    passed: 1,
    failed: 1,
    skipped: 1,
    ok: false,
  });
  assert.equal(
    text,
    '✓ A: fine\n✗ B: bad\n    line1\n    line2\n- C: not run: no fixture\n\np 1 does not conform: 1 passed, 1 failed, 1 not run',
  );
});
