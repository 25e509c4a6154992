import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { kiln } from './cli-helpers.js';

// Template loading through the real kiln binary: the seed templates validate
// and inspect; broken templates fail with file:line, a caret and no stack.
const fixtures = fileURLToPath(new URL('../../../test/fixtures/templates/', import.meta.url));

describe('kiln validate / inspect on templates', () => {
  it('validates seed 002 with -var tag=0.0.1 and inspects it like packer', async () => {
    const v = await kiln(['validate', '-var', 'tag=0.0.1', 'seed-002-docker-vars.json'], fixtures);
    assert.equal(v.code, 0, v.stderr);
    const i = await kiln(['inspect', 'seed-002-docker-vars.json'], fixtures);
    assert.equal(i.code, 0, i.stderr);
    assert.match(i.stdout, /repository = la\/express/);
    assert.match(i.stdout, /Builders:\n\n {2}docker\n/);
  });

  it('validates and inspects the seed 003 HCL2 template', async () => {
    const v = await kiln(['validate', 'seed-003-docker-ubuntu.pkr.hcl'], fixtures);
    assert.equal(v.code, 0, v.stderr);
    const i = await kiln(['inspect', 'seed-003-docker-ubuntu.pkr.hcl'], fixtures);
    assert.match(i.stdout, /> docker-example:\n\n {4}sources:\n\n {6}docker\.ubuntu\n/);
  });

  it('reports every problem with its place and a caret, without a stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-template-cli-'));
    try {
      await writeFile(
        join(dir, 'bad.pkr.hcl'),
        'variable "n" {\n  type    = number\n  default = "many"\n}\n\nsource "docker" "u" {\n  imgae  = "x"\n  commit = true\n}\n\nbuild {\n  sources = ["source.docker.u"]\n}\n',
      );
      const r = await kiln(['validate', '-var', 'nope=1', '-var', 'other=2', 'bad.pkr.hcl'], dir);
      assert.equal(r.code, 1);
      const out = r.stdout + r.stderr;
      assert.match(
        out,
        /Error: Invalid value for variable\n\n {2}on bad\.pkr\.hcl line 3:\n {4}3: {3}default = "many"\n {19}\^{6}\n/,
      );
      assert.match(
        out,
        /A "nope" variable was passed in the command line but was not found in known variables/,
      );
      assert.match(
        out,
        /A "other" variable was passed in the command line but was not found in known variables/,
      );
      assert.doesNotMatch(out, /\n\s+at .*\.js:\d+/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
