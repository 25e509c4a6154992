// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL source text, not JS templates
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inspectText } from './inspect.js';
import { loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'kiln-inspect-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const options = { vars: [], varFiles: [], only: [], except: [], env: {}, syntaxOnly: true, partial: true };

describe('inspectText', () => {
  it('prints HCL2 variables and locals sorted and quoted, failed locals left out, every component of each build', async () => {
    const file = join(dir, 'a.pkr.hcl');
    writeFileSync(
      file,
      `variable "z" {\n  default = ["x"]\n}\nvariable "a" {\n  type = string\n}\nlocals {\n  ok  = "v-\${var.z[0]}"\n  bad = file("/nonexistent/kiln-inspect")\n  dep = local.bad\n}\nsource "null" "n" {\n  communicator = "none"\n}\nbuild {\n  description = "d"\n  sources     = ["source.null.n"]\n  provisioner "shell-local" {\n    name   = "named"\n    inline = ["x"]\n    only   = ["nope.nope"]\n  }\n  post-processors {\n    post-processor "manifest" {}\n    post-processor "checksum" {\n      except = ["null.n"]\n    }\n  }\n}\n`,
    );
    const text = inspectText(await loadConfig(file, options));
    assert.equal(
      text,
      'Packer Inspect: HCL2 mode\n\n> input-variables:\n\nvar.a: "<unknown>"\nvar.z: "[\\n  \\"x\\",\\n]"\n\n> local-variables:\n\nlocal.ok: "v-x"\n\n> builds:\n\n  > <unnamed build 0>:\n\n  > Description: d\n\n    sources:\n\n      null.n\n\n    provisioners:\n\n      shell-local.named\n\n    post-processors:\n\n      0:\n        manifest\n        checksum\n\n',
    );
  });

  it('prints a JSON template as written, and its machine-readable records', async () => {
    const file = join(dir, 't.json');
    const json = JSON.stringify({
      variables: { req: null, b: 'x,y' },
      builders: [{ type: 'null', name: 'long-name' }, { type: 'null' }],
      provisioners: [{ type: 'shell-local', only: ['null'] }],
    });
    writeFileSync(file, json);
    const config = await loadConfig(file, { ...options, vars: [['req', 'given']] as [string, string][] });
    assert.ok(
      inspectText(config, json).startsWith(
        'Packer Inspect: JSON mode\nRequired variables:\n\n  req\n\nOptional variables and their defaults:\n\n  b   = x,y\n\nBuilders:\n\n  long-name (null)\n  null     \n\nProvisioners:\n\n  shell-local\n\nNote: ',
      ),
      inspectText(config, json),
    );
    const machine = inspectText(config, json, { machineReadable: true, now: new Date(1_000_000_000_000) });
    assert.match(machine, /^1000000000,,ui,say,Packer Inspect: JSON mode\n/);
    assert.match(machine, /\n1000000000,,template-variable,req,,1\n/);
    assert.match(machine, /\n1000000000,,template-variable,b,x%!\(PACKER_COMMA\)y,0\n/);
    assert.match(machine, /\n1000000000,,template-builder,long-name,null\n/);
    assert.match(machine, /\n1000000000,,template-provisioner,shell-local\n/);
  });
});
