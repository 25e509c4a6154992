import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TemplateError } from '../../config/source-range.js';
import { renderDiagnostics } from '../../diagnostics/render-text.js';
import { loadConfig } from '../load/load-config.js';
import { fixtureSchemas, noOptions } from '../load/schemas-fixture.test.js';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/templates/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kiln-legacy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function errorsOf(p: string, opts = {}): Promise<TemplateError> {
  try {
    await loadConfig(p, { ...noOptions(), ...opts }, fixtureSchemas);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  assert.fail('expected a TemplateError');
}

describe('legacy JSON templates', () => {
  it('loads the seed 001 template', async () => {
    const c = await loadConfig(join(fixtures, 'seed-001-docker.json'), noOptions(), fixtureSchemas);
    assert.equal(c.format, 'json');
    assert.deepEqual(
      c.builds.map((b) => b.name),
      ['docker'],
    );
    const b = c.builds[0]!;
    assert.deepEqual(b.builder.evaluate(), { image: 'alpine', commit: true });
    assert.deepEqual(b.provisioners[0]!.evaluate(), { inline: ['apk add nginx'] });
    assert.equal(b.postProcessors.length, 1);
    assert.equal(b.postProcessors[0]![0]!.type, 'docker-tag');
  });

  it('applies -var tag=0.0.1 to seed 002', async () => {
    const p = join(fixtures, 'seed-002-docker-vars.json');
    const c = await loadConfig(p, { ...noOptions(), vars: [['tag', '0.0.1']] }, fixtureSchemas);
    assert.deepEqual(c.builds[0]!.postProcessors[0]![0]!.evaluate(), {
      repository: 'la/express',
      tag: '0.0.1',
    });
    assert.deepEqual(
      c.variables.map((v) => [v.name, v.display]),
      [
        ['repository', '"la/express"'],
        ['tag', '"0.0.1"'],
      ],
    );
  });

  it('reports invalid JSON with its position', async () => {
    const p = write(
      'bad.json',
      '{\n  "builders": [\n    {"type": "docker", "image": "x", "commit": true,}\n  ]\n}\n',
    );
    const e = await errorsOf(p);
    assert.equal(e.diagnostics[0]!.summary, 'Invalid JSON');
    assert.deepEqual([e.diagnostics[0]!.range!.start.line, e.diagnostics[0]!.range!.start.column], [3, 53]);
    const text = renderDiagnostics(e.diagnostics);
    assert.match(text, /on .*bad\.json line 3:\n {4}3: {5}\{"type"/);
    assert.match(text, /\n {59}\^\n/);
  });

  it('reports duplicate keys with both positions', async () => {
    const p = write(
      'dup.json',
      '{\n  "variables": {"a": "1", "a": "2"},\n  "builders": [{"type": "null"}]\n}\n',
    );
    const e = await errorsOf(p);
    assert.equal(e.diagnostics[0]!.summary, 'Duplicate key "a"');
    assert.equal(e.diagnostics[0]!.range!.start.column, 27);
    assert.match(e.diagnostics[0]!.detail!, /dup\.json:2:17/);
  });

  it('errors on an undeclared user variable at its position, not with syntaxOnly', async () => {
    const p = write(
      'undef.json',
      '{\n  "builders": [\n    {"type": "docker", "image": "{{user `nope`}}"}\n  ]\n}\n',
    );
    const e = await errorsOf(p);
    assert.equal(e.diagnostics.length, 1);
    assert.match(e.diagnostics[0]!.detail!, /variable "nope" is not declared/);
    assert.deepEqual([e.diagnostics[0]!.range!.start.line, e.diagnostics[0]!.range!.start.column], [3, 36]);
    await loadConfig(p, { ...noOptions(), syntaxOnly: true });
  });

  it('requires null variables, takes -var-file then -var, masks sensitive ones', async () => {
    const p = write(
      'req.json',
      '{\n  "variables": {"img": null, "secret": "s3cr3t-value", "env_home": "{{env `HOME_X`}}"},\n  "sensitive-variables": ["secret"],\n  "builders": [{"type": "docker", "image": "{{user `img`}}"}]\n}\n',
    );
    const e = await errorsOf(p);
    assert.equal(e.diagnostics[0]!.summary, 'required variable not set: img');
    assert.equal(e.diagnostics[0]!.range!.start.line, 2);
    const vf = write('vars.json', '{"img": "from-file"}');
    const c = await loadConfig(p, { ...noOptions(), varFiles: [vf], env: { HOME_X: '/h' } }, fixtureSchemas);
    assert.equal(c.builds[0]!.builder.evaluate().image, 'from-file');
    const c2 = await loadConfig(
      p,
      { ...noOptions(), varFiles: [vf], vars: [['img', 'cli']] },
      fixtureSchemas,
    );
    assert.equal(c2.builds[0]!.builder.evaluate().image, 'cli');
    assert.equal(c.variables.find((v) => v.name === 'env_home')!.display, '"/h"');
    assert.equal(c.variables.find((v) => v.name === 'secret')!.display, '<sensitive>');
    assert.equal(c.maskSensitive!('token s3cr3t-value here'), 'token <sensitive> here');
  });

  it('reads the root-level error-cleanup-provisioner into every build', async () => {
    const p = write(
      'cleanup.json',
      JSON.stringify({
        builders: [{ type: 'docker', image: 'x' }],
        provisioners: [{ type: 'shell', inline: ['exit 3'] }],
        'error-cleanup-provisioner': { type: 'shell', inline: ['echo {{build_name}} cleaning up'] },
      }),
    );
    const c = await loadConfig(p, noOptions(), fixtureSchemas);
    const cleanup = c.builds[0]!.errorCleanupProvisioner;
    assert.equal(cleanup?.type, 'shell');
    assert.deepEqual(cleanup?.evaluate(), { inline: ['echo docker cleaning up'] });
  });

  it('names builds, applies only/except/override, chains post-processors', async () => {
    const p = write(
      'multi.json',
      JSON.stringify({
        builders: [
          { type: 'docker', name: 'a', image: 'x' },
          { type: 'docker', name: 'b', image: 'y' },
        ],
        provisioners: [
          { type: 'shell', inline: ['one'], only: ['a'] },
          {
            type: 'shell',
            inline: ['{{build_name}}-{{build_type}}'],
            override: { b: { inline: ['over'] } },
            pause_before: '1m30s',
            max_retries: '2',
          },
        ],
        'post-processors': [
          'docker-push',
          [{ type: 'docker-tag', repository: 'r', except: ['b'] }, 'docker-push'],
        ],
      }),
    );
    const c = await loadConfig(p, noOptions(), fixtureSchemas);
    const [a, b] = c.builds;
    assert.equal(a!.provisioners.length, 2);
    assert.equal(b!.provisioners.length, 1);
    assert.deepEqual(a!.provisioners[1]!.evaluate(), { inline: ['a-docker'] });
    assert.deepEqual(b!.provisioners[0]!.evaluate(), { inline: ['over'] });
    assert.equal(a!.provisioners[1]!.pauseBeforeMs, 90_000);
    assert.equal(a!.provisioners[1]!.maxRetries, 2);
    assert.deepEqual(
      a!.postProcessors.map((ch) => ch.map((x) => x.type)),
      [['docker-push'], ['docker-tag', 'docker-push']],
    );
    assert.deepEqual(
      b!.postProcessors.map((ch) => ch.map((x) => x.type)),
      [['docker-push'], ['docker-push']],
    );
    const only = await loadConfig(p, { ...noOptions(), only: ['b'] }, fixtureSchemas);
    assert.deepEqual(
      only.builds.map((x) => x.name),
      ['b'],
    );
    const e = await errorsOf(p, { only: ['c*'] });
    assert.match(e.diagnostics[0]!.summary, /-only=c\* matches no build/);
  });

  it('reports schema problems at their place', async () => {
    const p = write(
      'schema.json',
      '{\n  "builders": [\n    {"type": "docker", "imgae": "x", "commit": "maybe"},\n    {"type": "nope", "name": "n"}\n  ]\n}\n',
    );
    const e = await errorsOf(p);
    const s = e.diagnostics.map((d) => `${d.range?.start.line}:${d.range?.start.column} ${d.summary}`);
    assert.deepEqual(s, [
      '3:24 Unsupported argument "imgae"',
      '3:48 Incorrect attribute value type: bool required, got string "maybe"',
      '3:5 Missing required argument "image"',
      '4:14 Unknown builder type "nope"',
    ]);
    assert.match(e.diagnostics[0]!.detail!, /Did you mean "image"\?/);
  });

  it('says the atlas post-processor was retired, at its type, and names the manifest post-processor', async () => {
    const p = write(
      'atlas.json',
      '{\n  "builders": [{"type": "docker", "image": "x", "commit": true}],\n  "post-processors": [\n    {"type": "atlas", "token": "t", "artifact": "user/stack"}\n  ]\n}\n',
    );
    const e = await errorsOf(p);
    const s = e.diagnostics.map((d) => `${d.range?.start.line}:${d.range?.start.column} ${d.summary}`);
    assert.deepEqual(s, ['4:14 The post-processor "atlas" was retired']);
    assert.match(e.diagnostics[0]!.detail!, /Atlas, the HashiCorp service .* was retired/);
    assert.match(e.diagnostics[0]!.detail!, /use the "manifest" post-processor/);
  });

  it('leaves fields and build for later, and rejects sed', async () => {
    const p = write(
      'fields.json',
      '{"builders": [{"type": "docker", "image": "{{ .HTTPIP }}:{{ .HTTPPort }}", "changes": ["{{ build `ID` }}", "{{ user `u` | upper }}", "{{- \\"x\\" -}} y"]}],\n "variables": {"u": "low"}}',
    );
    const c = await loadConfig(p, noOptions(), fixtureSchemas);
    const v = c.builds[0]!.builder.evaluate();
    assert.equal(v.image, '{{ .HTTPIP }}:{{ .HTTPPort }}');
    assert.deepEqual(v.changes, ['{{ build `ID` }}', 'LOW', 'xy']);
    assert.deepEqual(c.builds[0]!.builder.evaluate({ ID: 'abc' }).changes, ['abc', 'LOW', 'xy']);
    const s = write('sed.json', '{"builders": [{"type": "docker", "image": "{{ sed `s/a/b/` `x` }}"}]}');
    const e = await errorsOf(s);
    assert.match(e.diagnostics[0]!.detail!, /deprecated/);
  });
});
