import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type LoadedConfig, loadConfig, renderDiagnostics, TemplateError } from '@kiln/core';
import { copyExampleVarFiles } from '../corpus.js';

// Real-world template trees, kept outside the repository (see the corpus README).
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const missing = existsSync(corpus) ? undefined : `no template corpus at ${corpus}`;

function walk(dir: string, pred: (p: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

async function load(path: string, varFiles: string[]): Promise<LoadedConfig> {
  try {
    return await loadConfig(path, { vars: [], varFiles, only: [], except: [], env: {}, syntaxOnly: true });
  } catch (e) {
    if (e instanceof TemplateError) assert.fail(renderDiagnostics(e.diagnostics).slice(0, 4000));
    throw e;
  }
}

function summary(c: LoadedConfig): string {
  return `${c.variables.length} variables; sources ${c.sources.map((s) => `${s.type}.${s.name}`).join(', ')}; builds ${c.builds.map((b) => b.name).join(', ')}`;
}

describe('template corpus: every configuration loads (syntax-only)', { skip: missing }, () => {
  it('bento: packer_templates with each os_pkrvars file', async (t) => {
    const templates = join(corpus, 'bento', 'packer_templates');
    const varFiles = walk(join(corpus, 'bento', 'os_pkrvars'), (p) => p.endsWith('.pkrvars.hcl'));
    assert.ok(varFiles.length > 10);
    for (const vf of varFiles) {
      const c = await load(templates, [vf]);
      assert.ok(c.variables.length > 50, `${vf}: variables`);
      assert.ok(c.sources.length >= 5, `${vf}: sources`);
      assert.ok(c.builds.length >= 1, `${vf}: builds`);
      assert.ok(c.requiredPlugins.length >= 1, `${vf}: required_plugins`);
      t.diagnostic(`${relative(corpus, vf)}: ${summary(c)}`);
    }
  });

  it('vsphere: each builds/<os>/<distro>/<version> directory with the shared example var files', async (t) => {
    const builds = join(corpus, 'vsphere', 'builds');
    const vars = mkdtempSync(join(tmpdir(), 'kiln-corpus-vars-'));
    try {
      const shared = copyExampleVarFiles(builds, vars);
      const dirs = [...new Set(walk(builds, (p) => p.endsWith('.pkr.hcl')).map((p) => join(p, '..')))];
      assert.ok(dirs.length > 20);
      for (const d of dirs) {
        const c = await load(d, [...shared, ...copyExampleVarFiles(d, vars)]);
        assert.ok(c.variables.length > 20, `${d}: variables`);
        assert.ok(c.sources.length >= 1, `${d}: sources`);
        assert.equal(c.builds.length, c.sources.length, `${d}: builds`);
        assert.equal(c.requiredVersion, '>= 1.10.0');
        t.diagnostic(`${relative(corpus, d)}: ${summary(c)}`);
      }
    } finally {
      rmSync(vars, { recursive: true, force: true });
    }
  });
});
