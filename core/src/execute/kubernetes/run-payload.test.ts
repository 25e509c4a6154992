import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { OBJECT_LIMIT, runPayload } from './run-payload.js';

test('the template travels in the archive; variables and variable files only in the Secret', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-payload-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'box.pkr.hcl'), 'source "null" "a" {}\n');
  writeFileSync(join(dir, 'secret.auto.pkrvars.hcl'), 'token = "hidden-1"\n');
  mkdirSync(join(dir, 'scripts'));
  writeFileSync(join(dir, 'scripts', 'run.sh'), 'echo hi\n');
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref\n');
  const extra = join(dir, '..', `${'x'}-vars-${process.pid}.json`);
  writeFileSync(extra, '{"token": "hidden-2"}');
  t.after(() => rmSync(extra, { force: true }));
  const p = await runPayload(
    {
      templatePath: dir,
      templateDir: dir,
      vars: [['token', 'hidden-3']],
      varFiles: [extra],
      envVars: { PKR_VAR_word: 'hidden-4' },
      buildArgs: [],
    },
    ['build', '-only=null.a'],
  );
  const tar = gunzipSync(p.archive).toString('latin1');
  assert.match(tar, /box\.pkr\.hcl/);
  assert.match(tar, /scripts\/run\.sh/);
  assert.doesNotMatch(tar, /HEAD|hidden/);
  const run = JSON.parse(p.secret['run.json']!.toString()) as {
    args: string[];
    env: object;
    place: string[];
  };
  assert.deepEqual(run.args, [
    'build',
    '-only=null.a',
    `-var-file=/kiln/secret/var-file-0-x-vars-${process.pid}.json`,
    '-var=token=hidden-3',
    '.',
  ]);
  assert.deepEqual(run.env, { PKR_VAR_word: 'hidden-4' });
  assert.deepEqual(run.place, ['dir-0-secret.auto.pkrvars.hcl=secret.auto.pkrvars.hcl']);
  assert.match(p.secret['dir-0-secret.auto.pkrvars.hcl']!.toString(), /hidden-1/);
});

test('a template directory too large for a ConfigMap is refused, naming the directory', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-payload-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'box.pkr.hcl'), '');
  const { randomBytes } = await import('node:crypto');
  writeFileSync(join(dir, 'disk.img'), randomBytes(OBJECT_LIMIT + 1024));
  const source = { templatePath: dir, templateDir: dir, vars: [], varFiles: [], envVars: {}, buildArgs: [] };
  await assert.rejects(
    runPayload(source, []),
    (e: Error) => e.message.includes(dir) && /ConfigMap holds at most/.test(e.message),
  );
});
