import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LoadOptions } from '../../../config/model.js';
import { TemplateError } from '../../../config/source-range.js';
import { renderDiagnostics } from '../../../diagnostics/render-text.js';
import { loadConfig } from '../../load/load-config.js';
import { fixtureSchemas, noOptions } from '../../load/schemas-fixture.test.js';
import { UNKNOWN_VALUE } from './body-eval.js';

const fixtures = fileURLToPath(new URL('../../../../../test/fixtures/templates/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'kiln-hcl-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function dir(files: Record<string, string>): string {
  const d = join(root, `c${n++}`);
  mkdirSync(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

async function fails(p: string, opts: Partial<LoadOptions> = {}): Promise<TemplateError> {
  try {
    await loadConfig(p, { ...noOptions(), ...opts }, fixtureSchemas);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  assert.fail('expected a TemplateError');
}

const at = (e: TemplateError) =>
  e.diagnostics.map((d) => `${d.range?.start.line}:${d.range?.start.column} ${d.summary}`);

const SRC = 'source "docker" "ubuntu" {\n  image  = var.image\n  commit = true\n}\n';

describe('HCL2 configurations', () => {
  it('loads the seed 003 template', async () => {
    const c = await loadConfig(join(fixtures, 'seed-003-docker-ubuntu.pkr.hcl'), noOptions(), fixtureSchemas);
    assert.equal(c.format, 'hcl');
    assert.deepEqual(
      c.requiredPlugins.map((p) => [p.name, p.source, p.version]),
      [['docker', 'github.com/hashicorp/docker', '>= 0.0.7']],
    );
    const [b] = c.builds;
    assert.equal(b!.name, 'docker-example.docker.ubuntu');
    assert.deepEqual(b!.builder.evaluate(), { image: 'ubuntu:xenial', commit: true });
    assert.deepEqual(
      b!.postProcessors.map((ch) => ch.map((p) => p.type)),
      [['docker-tag', 'docker-push']],
    );
  });

  it('applies variable precedence: default < PKR_VAR_ < auto.pkrvars < -var-file < -var', async () => {
    const vars = 'variable "image" {\n  type    = string\n  default = "d"\n}\n';
    const build = 'build {\n  sources = ["source.docker.ubuntu"]\n}\n';
    const d = dir({ 'a.pkr.hcl': vars + SRC + build });
    const img = async (opts: Partial<LoadOptions>) =>
      (await loadConfig(d, { ...noOptions(), ...opts }, fixtureSchemas)).builds[0]!.builder.evaluate().image;
    assert.equal(await img({}), 'd');
    assert.equal(await img({ env: { PKR_VAR_image: 'env' } }), 'env');
    writeFileSync(join(d, 'x.auto.pkrvars.hcl'), 'image = "auto"\n');
    assert.equal(await img({ env: { PKR_VAR_image: 'env' } }), 'auto');
    const vf = join(d, 'my.pkrvars.hcl');
    writeFileSync(vf, 'image = "file"\n');
    assert.equal(await img({ varFiles: [vf] }), 'file');
    assert.equal(await img({ varFiles: [vf], vars: [['image', 'cli']] }), 'cli');
    const c = await loadConfig(d, noOptions(), fixtureSchemas);
    assert.equal(c.builds[0]!.name, 'docker.ubuntu');
    assert.deepEqual(
      c.variables.map((v) => [v.name, v.type, v.display]),
      [['image', 'string', '"auto"']],
    );
  });

  it('refuses a -var-file whose name ends neither in .hcl nor .json, as Packer', async () => {
    const d = dir({
      'a.pkr.hcl': `variable "image" {\n  default = "x"\n}\n${SRC}build {\n  sources = ["source.docker.ubuntu"]\n}\n`,
    });
    const vf = join(d, 'vars.txt');
    writeFileSync(vf, 'image = "file"\n');
    await assert.rejects(
      loadConfig(d, { ...noOptions(), varFiles: [vf] }, fixtureSchemas),
      (e: TemplateError) => {
        assert.equal(e.diagnostics[0]!.summary, `Could not guess format of ${vf}`);
        assert.match(e.diagnostics[0]!.detail!, /must be suffixed with `\.hcl` or `\.json`/);
        return true;
      },
    );
  });

  it('rejects undeclared -var names and warns about undeclared var-file names', async () => {
    const d = dir({
      'a.pkr.hcl': `variable "image" {\n  default = "x"\n}\n${SRC}build {\n  sources = ["source.docker.ubuntu"]\n}\n`,
    });
    const e = await fails(d, { vars: [['nope', '1']] });
    assert.match(
      e.diagnostics[0]!.detail!,
      /^A "nope" variable was passed in the command line but was not found in known variables\. To declare variable "nope"/,
    );
    const vf = join(d, 'v.pkrvars.hcl');
    writeFileSync(vf, 'other = 1\n');
    const quiet = await loadConfig(d, { ...noOptions(), varFiles: [vf] }, fixtureSchemas);
    assert.deepEqual(quiet.warnings, [], 'build does not warn by default, as Packer');
    const c = await loadConfig(
      d,
      { ...noOptions(), varFiles: [vf], warnOnUndeclaredVar: true },
      fixtureSchemas,
    );
    assert.deepEqual(at({ diagnostics: c.warnings } as TemplateError), ['1:1 Undefined variable']);
    assert.match(
      c.warnings[0]!.detail!,
      /^The variable "other" was set but was not declared as an input variable/,
    );
  });

  it('reports type conversion and validation failures at their place', async () => {
    const d = dir({
      'a.pkr.hcl':
        'variable "n" {\n  type    = number\n  default = "abc"\n}\nvariable "s" {\n  type = string\n  default = "ab"\n  validation {\n    condition     = length(var.s) > 3\n    error_message = "The s value must be longer than 3."\n  }\n}\n',
    });
    const e = await fails(d);
    assert.deepEqual(at(e), ['3:13 Invalid value for variable', '7:13 Invalid value for variable']);
    assert.match(e.diagnostics[1]!.detail!, /checked by the validation rule at .*:9:5/);
    assert.match(e.diagnostics[1]!.detail!, /must be longer than 3/);
    const text = renderDiagnostics(e.diagnostics);
    assert.match(text, / {4}3: {3}default = "abc"\n {19}\^{5}\n/);
  });

  it('names builds, renames sources in build blocks, filters with -only/-except', async () => {
    const d = dir({
      'a.pkr.hcl':
        'source "docker" "a" {\n  image = "x"\n}\nsource "null" "b" {}\nbuild {\n  name = "web"\n  sources = ["source.docker.a", "null.b"]\n  source "docker.a" {\n    name  = "renamed"\n    image = "y"\n  }\n  provisioner "shell" {\n    only   = ["docker.a"]\n    inline = ["${source.name}-${build.ID}"]\n  }\n  post-processor "docker-push" {\n    except = ["null.b"]\n  }\n}\n',
    });
    const c = await loadConfig(d, noOptions(), fixtureSchemas);
    assert.deepEqual(
      c.builds.map((b) => b.name),
      ['web.docker.a', 'web.null.b', 'web.docker.renamed'],
    );
    assert.equal(c.builds[2]!.builder.evaluate().image, 'y');
    const p = c.builds[0]!.provisioners[0]!;
    assert.equal(c.builds[1]!.provisioners.length, 0);
    assert.equal(c.builds[1]!.postProcessors.length, 0);
    assert.deepEqual(p.evaluate().inline, [UNKNOWN_VALUE]);
    assert.deepEqual(p.evaluate({ ID: 'c0ffee' }).inline, ['a-c0ffee']);
    const only = await loadConfig(d, { ...noOptions(), only: ['*.docker.*'] }, fixtureSchemas);
    assert.deepEqual(
      only.builds.map((b) => b.name),
      ['web.docker.a', 'web.docker.renamed'],
    );
    const ex = await loadConfig(d, { ...noOptions(), except: ['null.b'] }, fixtureSchemas);
    assert.equal(ex.builds.length, 2);
    const noPush = await loadConfig(d, { ...noOptions(), except: ['docker-push'] }, fixtureSchemas);
    assert.equal(noPush.builds.length, 3);
    assert.deepEqual(noPush.builds[0]!.postProcessors, []);
    assert.match((await fails(d, { only: ['nothing.*'] })).diagnostics[0]!.summary, /matches no build/);
  });

  it('decodes bodies against schemas with positions and did-you-mean', async () => {
    const d = dir({
      'a.pkr.hcl':
        'source "docker" "u" {\n  imgae  = "x"\n  commit = "maybe"\n}\nsource "nope" "n" {}\nbuild {\n  sources = ["source.docker.u", "source.nope.n", "source.docker.missing"]\n  provisioner "shell" {\n    inline = "one"\n    scirpt = "x"\n  }\n}\n',
    });
    const e = await fails(d);
    assert.deepEqual(at(e), ['7:50 Unknown source']);
    writeFileSync(join(d, 'a.pkr.hcl'), renderFix(join(d, 'a.pkr.hcl')));
    const e2 = await fails(d);
    assert.deepEqual(at(e2), [
      '2:3 Unsupported argument "imgae"',
      '3:12 Incorrect attribute value type: bool required, got string "maybe"',
      '1:8 Missing required argument "image"',
      '9:14 Incorrect attribute value type',
      '10:5 Unsupported argument "scirpt"',
      '5:8 Unknown builder type "nope"',
    ]);
    assert.match(e2.diagnostics[0]!.detail!, /Did you mean "image"\?/);
    assert.equal(
      e2.diagnostics[3]!.detail,
      'Inappropriate value for attribute "inline": list of string required.',
      'a string where HCL requires a list is an error, as in Packer 1.16',
    );
    await loadConfig(d, { ...noOptions(), syntaxOnly: true }, fixtureSchemas);
  });

  it('masks sensitive variables and loads .pkr.json', async () => {
    const d = dir({
      'a.pkr.json': JSON.stringify({
        variable: { pw: { type: 'string', default: 'hunter22', sensitive: true } },
        source: { docker: { u: { image: 'img-${var.pw}', commit: true } } },
        build: { sources: ['source.docker.u'] },
      }),
    });
    const c = await loadConfig(d, noOptions(), fixtureSchemas);
    assert.equal(c.variables[0]!.display, '<sensitive>');
    assert.equal(c.builds[0]!.builder.evaluate().image, 'img-hunter22');
    assert.equal(c.maskSensitive!('pw is hunter22'), 'pw is <sensitive>');
  });

  it('reads HCL JSON types and templates, and list-typed -var values', async () => {
    const d = dir({
      'a.pkr.json': JSON.stringify({
        variable: { tags: { type: 'list(string)' } },
        source: { null: { n: { communicator: 'none' } } },
        build: {
          sources: ['source.null.n'],
          provisioner: {
            shell: { inline: ['echo ${join(",", var.tags)}'], environment_vars: '${var.tags}' },
          },
        },
      }),
    });
    const c = await loadConfig(d, { ...noOptions(), vars: [['tags', '["a", "b"]']] }, fixtureSchemas);
    assert.deepEqual(c.variables[0]!.type, 'list(string)');
    assert.deepEqual(c.builds[0]!.provisioners[0]!.evaluate(), {
      inline: ['echo a,b'],
      environment_vars: ['a', 'b'],
    });
  });

  it('exposes data sources: unknown unless executed; executed in dependency order with locals', async () => {
    const d = dir({
      'a.pkr.hcl':
        'data "fixture-data" "img" {\n  key = local.k\n}\nvariable "k" {\n  default = "x"\n}\nlocals {\n  k = "${var.k}y"\n  image = "${data.fixture-data.img.value}:latest"\n}\nsource "docker" "u" {\n  image = local.image\n}\nbuild {\n  sources = ["source.docker.u"]\n}\n',
    });
    const c = await loadConfig(d, { ...noOptions(), syntaxOnly: true });
    assert.deepEqual(
      c.dataSources!.map((x) => [x.kind, x.type, x.name, x.evaluate()]),
      [['data-source', 'fixture-data', 'img', { key: 'xy' }]],
    );
    assert.equal(c.builds[0]!.builder.evaluate().image, UNKNOWN_VALUE);
    const seen: unknown[] = [];
    const run = await loadConfig(d, {
      ...noOptions(),
      executeDataSource: async (ds, body) => {
        seen.push([ds.name, body]);
        return { value: 'busybox' };
      },
    });
    assert.deepEqual(seen, [['img', { key: 'xy' }]]);
    assert.equal(run.builds[0]!.builder.evaluate().image, 'busybox:latest');
    const e = await fails(d);
    assert.deepEqual(at(e), ['1:6 Unknown data source type "fixture-data"']);
  });

  it('-use-sequential-evaluation: data sources run before locals and cannot use them', async () => {
    const d = dir({
      'a.pkr.hcl':
        'data "fixture-data" "img" {\n  key = local.k\n}\nlocals {\n  k = "x"\n  v = data.fixture-data.img.value\n}\n',
    });
    const run = async (sequential: boolean) => {
      const order: string[] = [];
      try {
        await loadConfig(d, {
          ...noOptions(),
          sequential,
          executeDataSource: async (_ds, body) => {
            order.push(String(body.key));
            return { value: 'out' };
          },
        });
        return order;
      } catch (e) {
        if (e instanceof TemplateError) return at(e);
        throw e;
      }
    };
    assert.deepEqual(await run(false), ['x']);
    assert.deepEqual(await run(true), ['2:14 Unsupported attribute']);
  });

  it('reports a cycle between locals and data sources at each block in it', async () => {
    const d = dir({
      'a.pkr.hcl':
        'data "fixture-data" "img" {\n  key = local.k\n}\nlocals {\n  k = data.fixture-data.img.value\n  free = "ok"\n}\n',
    });
    const e = await fails(d, { executeDataSource: async () => ({ value: 'v' }) });
    assert.deepEqual(at(e), [
      '5:3 Cycle in local values and data sources',
      '1:21 Cycle in local values and data sources',
    ]);
    assert.match(
      e.diagnostics[0]!.detail!,
      /data\.fixture-data\.img, local\.k|local\.k, data\.fixture-data\.img/,
    );
  });
});

function renderFix(file: string): string {
  return readFileSync(file, 'utf8').replace(', "source.docker.missing"', '');
}
