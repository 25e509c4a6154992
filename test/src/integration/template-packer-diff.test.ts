import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadBuiltins, loadConfig, pick, type SchemaProvider, TemplateError } from '@kiln/core';
import type { ComponentKind, ComponentSet } from '@kiln/plugin-sdk';

// Same templates, same verdict: Kiln and Debian's Packer 1.6.6 accept and
// reject the same small JSON and HCL2 templates, with -syntax-only and without.
const packer = '/usr/bin/packer';
const dir = fileURLToPath(new URL('../../../test/fixtures/templates/diff/', import.meta.url));
const skip = existsSync(packer) ? undefined : `${packer} is not installed (Debian's packer package)`;

/**
 * Where Kiln is deliberately stricter than Packer 1.6.6 with -syntax-only:
 * these are checked without evaluating anything, so Kiln reports them early.
 */
const STRICTER_SYNTAX_ONLY = new Set(['bad-duplicate-source.pkr.hcl', 'bad-unknown-source.pkr.hcl']);

async function schemas(): Promise<SchemaProvider> {
  const sets: ComponentSet[] = [await loadBuiltins()];
  const dockerModule = '@kiln/plugin-docker';
  const docker = (await import(dockerModule)) as { dockerComponents: () => ComponentSet };
  sets.push(docker.dockerComponents());
  return {
    async schemaFor(kind: ComponentKind, type: string) {
      for (const s of sets) {
        const c = pick(s, kind, type);
        if (c) return c.schema;
      }
      return undefined;
    },
  };
}

function packerAccepts(file: string, syntaxOnly: boolean): boolean {
  const r = spawnSync(packer, ['validate', ...(syntaxOnly ? ['-syntax-only'] : []), file], {
    cwd: dir,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_LOG: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return r.status === 0;
}

async function kilnAccepts(file: string, syntaxOnly: boolean, provider: SchemaProvider): Promise<boolean> {
  try {
    await loadConfig(
      join(dir, file),
      { vars: [], varFiles: [], only: [], except: [], env: {}, syntaxOnly },
      provider,
    );
    return true;
  } catch (e) {
    if (e instanceof TemplateError) return false;
    throw e;
  }
}

describe('differential: Kiln and Packer 1.6.6 agree on accept/reject', { skip }, () => {
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];

  it('has about twenty templates, valid and invalid, JSON and HCL2', () => {
    assert.ok(files.length >= 20);
    assert.ok(files.some((f) => f.startsWith('ok-') && f.endsWith('.json')));
    assert.ok(files.some((f) => f.startsWith('bad-') && f.endsWith('.pkr.hcl')));
  });

  for (const f of files) {
    it(f, async () => {
      const provider = await schemas();
      const expectOk = f.startsWith('ok-');
      const full = [packerAccepts(f, false), await kilnAccepts(f, false, provider)];
      assert.deepEqual(full, [expectOk, expectOk], `packer validate vs kiln: ${full}`);
      const p = packerAccepts(f, true);
      const k = await kilnAccepts(f, true, provider);
      if (STRICTER_SYNTAX_ONLY.has(f)) assert.deepEqual([p, k], [true, false]);
      else assert.equal(k, p, `-syntax-only: packer ${p}, kiln ${k}`);
    });
  }
});
