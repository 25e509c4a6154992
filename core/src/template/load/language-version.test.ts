import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TemplateError } from '../../config/source-range.js';
import { loadConfig, TEMPLATE_LANGUAGE_VERSION } from './load-config.js';
import { fixtureSchemas, noOptions } from './schemas-fixture.test.js';

const root = mkdtempSync(join(tmpdir(), 'kiln-version-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function template(name: string, text: string): string {
  const d = join(root, `c${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, name), text);
  return join(d, name);
}

async function loadError(path: string): Promise<string[]> {
  try {
    await loadConfig(path, noOptions(), fixtureSchemas);
    return [];
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return e.diagnostics.map((d) => `${d.summary}: ${d.detail}`);
  }
}

const hcl = (constraint: string) =>
  `packer {\n  required_version = "${constraint}"\n}\nsource "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n}\n`;

describe('template language version', () => {
  it('is Packer 1.16.0', () => assert.equal(TEMPLATE_LANGUAGE_VERSION, '1.16.0'));

  for (const c of ['>= 1.12.0', '>= 1.15.0', '~> 1.16', '>= 1.7.0, < 2.0.0', '= 1.16.0']) {
    it(`accepts required_version "${c}"`, async () => {
      assert.deepEqual(await loadError(template('t.pkr.hcl', hcl(c))), []);
    });
  }

  for (const c of ['>= 1.17.0', '< 1.16.0', '~> 1.16.1']) {
    it(`refuses required_version "${c}"`, async () => {
      const errs = await loadError(template('t.pkr.hcl', hcl(c)));
      assert.equal(errs.length, 1, errs.join('\n'));
      assert.match(errs[0], /Unsupported Packer Core version.*1\.16\.0/);
    });
  }

  it('accepts min_packer_version 1.16.0 in a JSON template', async () => {
    const json = JSON.stringify({
      min_packer_version: '1.16.0',
      builders: [{ type: 'null', communicator: 'none' }],
    });
    assert.deepEqual(await loadError(template('t.json', json)), []);
  });
});
