import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { remoteEnvironment } from '../credentials-env.js';
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
      environment: { values: { PKR_VAR_word: 'hidden-4' }, files: {} },
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
  const source = {
    templatePath: dir,
    templateDir: dir,
    vars: [],
    varFiles: [],
    environment: { values: {}, files: {} },
    buildArgs: [],
  };
  await assert.rejects(
    runPayload(source, []),
    (e: Error) => e.message.includes(dir) && /ConfigMap holds at most/.test(e.message),
  );
});

test('cloud credentials and Docker TLS travel in the Secret: values as they are, files by content', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-payload-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const tpl = join(dir, 'tpl');
  mkdirSync(tpl);
  writeFileSync(join(tpl, 'box.pkr.hcl'), '');
  const key = join(dir, 'sa.json');
  writeFileSync(key, '{"private_key": "hidden-sa"}');
  const certs = join(dir, 'certs');
  mkdirSync(certs);
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, f), `hidden-${f}`);
  const environment = remoteEnvironment({
    AWS_ACCESS_KEY_ID: 'AKIA1',
    AWS_SECRET_ACCESS_KEY: 'hidden-aws',
    AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:5001',
    GOOGLE_APPLICATION_CREDENTIALS: key,
    DOCKER_HOST: 'tcp://docker.internal:2376',
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: certs,
    HOME: '/root',
    PATH: '/usr/bin',
  });
  const p = await runPayload(
    { templatePath: tpl, templateDir: tpl, vars: [], varFiles: [], environment, buildArgs: [] },
    ['build'],
  );
  const run = JSON.parse(p.secret['run.json']!.toString()) as {
    env: Record<string, string>;
    place: string[];
  };
  assert.deepEqual(run.env, {
    AWS_ACCESS_KEY_ID: 'AKIA1',
    AWS_SECRET_ACCESS_KEY: 'hidden-aws',
    AWS_ENDPOINT_URL_EC2: 'http://127.0.0.1:5001',
    DOCKER_HOST: 'tcp://docker.internal:2376',
    DOCKER_TLS_VERIFY: '1',
    GOOGLE_APPLICATION_CREDENTIALS: '/kiln/secret/env-GOOGLE_APPLICATION_CREDENTIALS',
    DOCKER_CERT_PATH: '/tmp/kiln-docker-certs',
  });
  assert.equal(p.secret['env-GOOGLE_APPLICATION_CREDENTIALS']!.toString(), '{"private_key": "hidden-sa"}');
  assert.deepEqual(run.place, [
    'docker-cert-ca.pem=/tmp/kiln-docker-certs/ca.pem',
    'docker-cert-cert.pem=/tmp/kiln-docker-certs/cert.pem',
    'docker-cert-key.pem=/tmp/kiln-docker-certs/key.pem',
  ]);
  assert.doesNotMatch(gunzipSync(p.archive).toString('latin1'), /hidden/);
});

test('a local DOCKER_HOST socket stays here (the node mounts its own); an unreadable credentials file is named', async (t) => {
  assert.deepEqual(remoteEnvironment({ DOCKER_HOST: 'unix:///var/run/docker.sock' }).values, {});
  const dir = mkdtempSync(join(tmpdir(), 'kiln-payload-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'box.pkr.hcl'), '');
  const environment = remoteEnvironment({ AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing') });
  await assert.rejects(
    runPayload(
      { templatePath: dir, templateDir: dir, vars: [], varFiles: [], environment, buildArgs: [] },
      [],
    ),
    /AWS_SHARED_CREDENTIALS_FILE names .*missing, which the build needs on the cluster, but it cannot be read/,
  );
});
