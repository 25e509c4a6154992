import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixturePluginMain } from '../fixtures/plugins/paths.js';
import { hasStackTrace, kiln, withTemplate } from './cli-helpers.js';

// A sensitive variable reaches a plugin (kiln-test-sensitive-check, installed
// with `kiln plugins install -path`) as its value, both in the component's
// body and in the build's user variables; the output shows it masked.
const SECRET = 's3cr3t-Value-9f1c';
const made: string[] = [];
let env: NodeJS.ProcessEnv;

before(async () => {
  const pkg = await mkdtemp(join(tmpdir(), 'kiln-e2e-sensitive-pkg-'));
  const plugins = await mkdtemp(join(tmpdir(), 'kiln-e2e-sensitive-plugins-'));
  made.push(pkg, plugins);
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'kiln-test-sensitive-check',
      version: '0.0.1',
      kiln: { protocol: 1, main: 'main.mjs', components: { provisioner: ['sensitive-check'] } },
    }),
  );
  await writeFile(
    join(pkg, 'main.mjs'),
    `await import(${JSON.stringify(pathToFileURL(fixturePluginMain('sensitive-check')).href)});\n`,
  );
  env = { KILN_PLUGIN_PATH: plugins };
  const r = await kiln(['plugins', 'install', '-path', pkg], tmpdir(), env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

after(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

function check(r: Awaited<ReturnType<typeof kiln>>, received: { secret: string; userVariables: object }) {
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(received.secret, SECRET, 'the plugin received the value, not its mask');
  assert.equal((received.userVariables as Record<string, string>).secret, SECRET);
  assert.match(r.stdout, /received secret: <sensitive>/);
  assert.match(r.stdout, /"secret":"<sensitive>"/);
  assert.ok(!(r.stdout + r.stderr).includes(SECRET), 'the value never appears in the output');
  assert.ok(!hasStackTrace(r.stdout + r.stderr));
}

describe('sensitive variables', () => {
  it('HCL2: the plugin gets the value of a sensitive variable; the output masks it', async () => {
    const template = `variable "secret" {
  type      = string
  sensitive = true
}
source "null" "s" {
  communicator = "none"
}
build {
  sources = ["source.null.s"]
  provisioner "sensitive-check" {
    secret = var.secret
    record = "\${path.root}/received.json"
  }
}
`;
    await withTemplate({ 't.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', '-color=false', `-var=secret=${SECRET}`, 't.pkr.hcl'], dir, env);
      const received = JSON.parse(await readFile(join(dir, 'received.json'), 'utf8').catch(() => '{}'));
      check(r, received);
    });
  });

  it('legacy JSON: sensitive-variables reach the plugin as values; the output masks them', async () => {
    await withTemplate({}, async (dir) => {
      const template = {
        variables: { secret: '' },
        'sensitive-variables': ['secret'],
        builders: [{ type: 'null', communicator: 'none' }],
        provisioners: [
          { type: 'sensitive-check', secret: '{{user `secret`}}', record: join(dir, 'received.json') },
        ],
      };
      await writeFile(join(dir, 't.json'), JSON.stringify(template));
      const r = await kiln(['build', '-color=false', '-var', `secret=${SECRET}`, 't.json'], dir, env);
      const received = JSON.parse(await readFile(join(dir, 'received.json'), 'utf8').catch(() => '{}'));
      check(r, received);
    });
  });
});
