import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig, renderDiagnostics, TemplateError } from '@kiln/core';
import { prepareAnsibleConfig } from '@kiln/plugin-ansible';
import { copyExampleVarFiles } from '../corpus.js';

// Real-world template trees, kept outside the repository (see the corpus README).
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.pkr.hcl')) out.push(p);
  }
  return out;
}

describe('template corpus: the vsphere configurations that use ansible', {
  skip: existsSync(corpus) ? false : `no template corpus at ${corpus}`,
}, () => {
  it('every ansible provisioner body decodes and prepares with the plugin', async (t) => {
    const builds = join(corpus, 'vsphere', 'builds');
    const vars = mkdtempSync(join(tmpdir(), 'kiln-ansible-vars-'));
    t.after(() => rmSync(vars, { recursive: true, force: true }));
    const shared = copyExampleVarFiles(builds, vars);
    const dirs = [...new Set(walk(builds).map((p) => join(p, '..')))];
    let checked = 0;
    for (const d of dirs) {
      const own = copyExampleVarFiles(d, vars);
      let c: Awaited<ReturnType<typeof loadConfig>>;
      try {
        c = await loadConfig(d, {
          vars: [],
          varFiles: [...shared, ...own],
          only: [],
          except: [],
          env: {},
          syntaxOnly: false,
        });
      } catch (e) {
        if (e instanceof TemplateError) assert.fail(renderDiagnostics(e.diagnostics).slice(0, 4000));
        throw e;
      }
      assert.ok(
        c.requiredPlugins.some((p) => p.source === 'github.com/hashicorp/ansible'),
        `${d}: required_plugins`,
      );
      for (const b of c.builds) {
        for (const p of b.provisioners.filter((x) => x.type === 'ansible')) {
          const { diagnostics } = prepareAnsibleConfig(p.evaluate());
          // The corpus leaves out its ansible/ directory: only the files it names may be missing.
          const errors = diagnostics.items.filter(
            (x) =>
              x.severity === 'error' && !/^(playbook_file|galaxy_file): .* does not exist$/.test(x.summary),
          );
          assert.deepEqual(errors, [], `${relative(corpus, d)}: ${JSON.stringify(errors)}`);
          checked++;
        }
      }
    }
    t.diagnostic(`${checked} ansible provisioners checked`);
    assert.ok(checked >= 20, `${checked} ansible provisioners`);
  });
});
