import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ChainInput, canonicalJson, stepKeys } from './step-keys.js';

describe('step cache keys', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-keys-'));
    await writeFile(join(dir, 's1.sh'), 'echo one\n');
    await writeFile(join(dir, 's2.sh'), 'echo two\n');
    await mkdir(join(dir, 'files', 'sub'), { recursive: true });
    await writeFile(join(dir, 'files', 'a.txt'), 'a');
    await writeFile(join(dir, 'files', 'sub', 'b.txt'), 'b');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const input = (over: Partial<ChainInput> = {}): ChainInput => ({
    builderType: 'docker',
    base: 'image:sha256:aaa',
    steps: [
      { type: 'shell', body: { script: 's1.sh' }, receivesUserVariables: false },
      {
        type: 'shell',
        body: { scripts: ['s2.sh'], environment_vars: ['A=1'] },
        receivesUserVariables: false,
      },
      { type: 'file', body: { source: 'files', destination: '/opt' }, receivesUserVariables: false },
    ],
    userVariables: { region: 'x' },
    cwd: dir,
    ...over,
  });

  it('is stable for unchanged input, whatever the order of attributes', async () => {
    const a = await stepKeys(input());
    const b = await stepKeys(
      input({
        steps: input().steps.map((s) => ({
          ...s,
          body: Object.fromEntries(Object.entries(s.body).reverse()),
        })),
      }),
    );
    assert.equal(a.length, 3);
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, 3);
    for (const k of a) assert.match(k, /^[0-9a-f]{64}$/);
  });

  it('a changed script busts its step and every later one, not the earlier ones', async () => {
    const a = await stepKeys(input());
    await writeFile(join(dir, 's2.sh'), 'echo TWO\n');
    const b = await stepKeys(input());
    await writeFile(join(dir, 's2.sh'), 'echo two\n');
    assert.equal(a[0], b[0]);
    assert.notEqual(a[1], b[1]);
    assert.notEqual(a[2], b[2]);
  });

  it('a changed file inside an uploaded directory, or its mode, busts the step', async () => {
    const a = await stepKeys(input());
    await writeFile(join(dir, 'files', 'sub', 'b.txt'), 'B');
    const b = await stepKeys(input());
    await writeFile(join(dir, 'files', 'sub', 'b.txt'), 'b');
    await chmod(join(dir, 'files', 'a.txt'), 0o755);
    const c = await stepKeys(input());
    await chmod(join(dir, 'files', 'a.txt'), 0o644);
    assert.deepEqual(a.slice(0, 2), b.slice(0, 2));
    assert.notEqual(a[2], b[2]);
    assert.notEqual(a[2], c[2]);
    assert.deepEqual(await stepKeys(input()), a);
  });

  it('a changed base or builder type busts every step', async () => {
    const a = await stepKeys(input());
    const b = await stepKeys(input({ base: 'image:sha256:bbb' }));
    const c = await stepKeys(input({ builderType: 'qemu' }));
    for (let i = 0; i < 3; i++) {
      assert.notEqual(a[i], b[i]);
      assert.notEqual(a[i], c[i]);
    }
  });

  it('a changed configuration or type busts that step on', async () => {
    const a = await stepKeys(input());
    const steps = input().steps;
    const b = await stepKeys(
      input({
        steps: [
          steps[0]!,
          { ...steps[1]!, body: { ...steps[1]!.body, environment_vars: ['A=2'] } },
          steps[2]!,
        ],
      }),
    );
    const c = await stepKeys(input({ steps: [{ ...steps[0]!, type: 'powershell' }, steps[1]!, steps[2]!] }));
    assert.equal(a[0], b[0]);
    assert.notEqual(a[1], b[1]);
    assert.notEqual(a[0], c[0]);
  });

  it('user variables count only for provisioners that are given them', async () => {
    const a = await stepKeys(input());
    assert.deepEqual(await stepKeys(input({ userVariables: { region: 'y' } })), a);
    const plugin = input({
      steps: [{ type: 'ansible', body: { playbook_file: 's1.sh' }, receivesUserVariables: true }],
    });
    const p1 = await stepKeys(plugin);
    const p2 = await stepKeys({ ...plugin, userVariables: { region: 'y' } });
    assert.notEqual(p1[0], p2[0]);
  });

  it("a download's source is remote and not read; a missing local file still makes a key", async () => {
    const down = (source: string) =>
      input({
        steps: [
          {
            type: 'file',
            body: { source, destination: 'x', direction: 'download' },
            receivesUserVariables: false,
          },
        ],
      });
    assert.equal((await stepKeys(down('/etc/hostname'))).length, 1);
    const missing = await stepKeys(
      input({ steps: [{ type: 'shell', body: { script: 'nope.sh' }, receivesUserVariables: false }] }),
    );
    assert.equal(missing.length, 1);
  });

  it('inline commands are configuration: changing one busts the step', async () => {
    const k = async (cmd: string) =>
      (
        await stepKeys(
          input({ steps: [{ type: 'shell', body: { inline: [cmd] }, receivesUserVariables: false }] }),
        )
      )[0];
    assert.equal(await k('echo a'), await k('echo a'));
    assert.notEqual(await k('echo a'), await k('echo b'));
  });

  it('canonical JSON sorts object keys at every depth and drops undefined', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }),
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});
