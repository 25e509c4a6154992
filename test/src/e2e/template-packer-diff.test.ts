import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packer116, requirePacker } from '../reference-packer.js';
import { kilnBin } from './cli-helpers.js';

// Same templates, same verdict and place: `kiln validate` and Packer 1.16's
// `packer validate` accept and reject the same small JSON and HCL2
// templates, with -syntax-only and without, and put the first error of an
// HCL2 template on a line Packer names. The templates use components both
// have built in (file and null builders, shell-local, manifest, the http
// and null data sources).
const dir = fileURLToPath(new URL('../../../test/fixtures/templates/diff/', import.meta.url));

/** Deliberate differences (docs/differences-from-packer.md), as [packer, kiln] verdicts. */
const DELIBERATE: Record<string, { full?: [boolean, boolean]; syntaxOnly?: [boolean, boolean] }> = {
  // An undeclared {{user}} variable is an error in Kiln; Packer renders "".
  'bad-undeclared-user-var.json': { full: [true, false] },
  // Kiln checks these without evaluating anything, so -syntax-only reports them.
  'bad-duplicate-source.pkr.hcl': { syntaxOnly: [true, false] },
  'bad-unknown-source.pkr.hcl': { syntaxOnly: [true, false] },
};

/** Packer 1.16 validates required_plugins against installed plugins it does not have here: -syntax-only only. */
const SYNTAX_ONLY = new Set(['ok-version-constraints.pkr.hcl']);

/**
 * Where Kiln's first error is on a more precise line inside the block Packer
 * names: the attribute a component rejected, the reference that is unknown.
 */
const MORE_PRECISE: Record<string, { packer: number; kiln: number }> = {
  'bad-http-method.pkr.hcl': { packer: 1, kiln: 3 },
  'bad-meta-timeout-bare.pkr.hcl': { packer: 7, kiln: 9 },
  'bad-null-data-input.pkr.hcl': { packer: 1, kiln: 2 },
  'bad-unknown-source.pkr.hcl': { packer: 6, kiln: 7 },
};

interface Verdict {
  ok: boolean;
  /** Lines Packer's or Kiln's messages name for this file ("on f line N", "f:N,"), first first. */
  lines: number[];
}

function run(cmd: string, args: string[], file: string): Verdict {
  const r = spawnSync(cmd, args, {
    cwd: dir,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_LOG: '', KILN_LOG: '', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  const text = `${r.stdout}\n${r.stderr}`;
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines: number[] = [];
  for (const m of text.matchAll(new RegExp(`on ${esc} line (\\d+)|${esc}:(\\d+)[,:]`, 'g')))
    lines.push(Number(m[1] ?? m[2]));
  return { ok: r.status === 0, lines };
}

const packer = (file: string, syntaxOnly: boolean) =>
  run(requirePacker(packer116), ['validate', ...(syntaxOnly ? ['-syntax-only'] : []), file], file);
const kiln = (file: string, syntaxOnly: boolean) =>
  run(process.execPath, [kilnBin, 'validate', ...(syntaxOnly ? ['-syntax-only'] : []), file], file);

describe('differential: kiln validate and Packer 1.16 agree on verdict and place', () => {
  const files = readdirSync(dir).sort();

  it('has about forty templates, valid and invalid, JSON and HCL2', () => {
    requirePacker(packer116);
    assert.ok(files.length >= 40, `${files.length} templates`);
    assert.ok(files.some((f) => f.startsWith('ok-') && f.endsWith('.json')));
    assert.ok(files.some((f) => f.startsWith('bad-') && f.endsWith('.pkr.hcl')));
  });

  for (const f of files) {
    it(f, () => {
      const expectOk = f.startsWith('ok-');
      const deliberate = DELIBERATE[f] ?? {};
      const so = [packer(f, true), kiln(f, true)] as const;
      assert.deepEqual(
        [so[0].ok, so[1].ok],
        deliberate.syntaxOnly ?? [so[0].ok, so[0].ok],
        `-syntax-only: packer ${so[0].ok}, kiln ${so[1].ok}`,
      );
      if (SYNTAX_ONLY.has(f)) {
        assert.equal(so[1].ok, expectOk);
        return;
      }
      const p = packer(f, false);
      const k = kiln(f, false);
      assert.deepEqual([p.ok, k.ok], deliberate.full ?? [expectOk, expectOk], `packer ${p.ok}, kiln ${k.ok}`);
      if (expectOk || f.endsWith('.json') || p.lines.length === 0) return;
      assert.ok(k.lines.length > 0, 'kiln names a position');
      const precise = MORE_PRECISE[f];
      if (precise) {
        assert.deepEqual([p.lines[0], k.lines[0]], [precise.packer, precise.kiln]);
        return;
      }
      assert.ok(
        p.lines.includes(k.lines[0]!),
        `kiln's first error is on line ${k.lines[0]}; Packer names lines ${p.lines.join(', ')}`,
      );
    });
  }
});
