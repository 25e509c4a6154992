import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { kiln } from './cli-helpers.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/conformance-plugins/', import.meta.url));
const scratchBefore = new Set(readdirSync(tmpdir()));

after(() => {
  for (const e of readdirSync(tmpdir())) {
    if (e.startsWith('kiln-python-null-') && !scratchBefore.has(e)) {
      rmSync(join(tmpdir(), e), { recursive: true, force: true });
    }
  }
});

test('kiln plugins check: a conforming plugin prints ✓ for every check and exits 0', async () => {
  const r = await kiln(['plugins', 'check', join(repo, 'examples', 'plugin-python')], repo);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^✓ handshake line well-formed/m);
  assert.match(r.stdout, /^✓ cancel mid-Run of builder\/python-null/m);
  assert.doesNotMatch(r.stdout, /^✗/m);
  assert.match(r.stdout, /kiln-plugin-python-null 0\.1\.0 conforms: 15 passed, 0 failed, 0 not run/);
});

test('kiln plugins check: a careless plugin gets ✗ with reasons and exit 1', async () => {
  const r = await kiln(['plugins', 'check', join(fixtures, 'careless.js')], repo);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^✗ wrong or missing magic cookie.*printed a handshake/m);
  assert.match(r.stdout, /^✗ calls with a missing or wrong token are refused/m);
  assert.match(r.stdout, /^ {4}attribute "inline": unknown type "lisst"/m);
  assert.match(r.stdout, /does not conform: 6 passed, 7 failed, 0 not run/);
});

test('kiln plugins check: a builder without a fixture is a stated skip (exit 1 unless -allow-not-run); -fixture runs it', async () => {
  // The executable itself, not its package: no conformance/ fixtures come with it.
  const plugin = join(repo, 'examples', 'plugin-python', 'kiln-plugin-python-null');
  const without = await kiln(['plugins', 'check', plugin], repo);
  assert.equal(without.code, 1, 'a check not run is not a pass');
  assert.match(
    without.stdout,
    /^- cancel mid-Run of builder\/python-null: not run: no config fixture for builder python-null/m,
  );
  assert.match(without.stdout, /^- crash mid-Run.*not run: no config fixture for builder python-null/m);
  assert.match(without.stdout, /was not fully checked: 13 passed, 0 failed, 2 not run/);
  const allowed = await kiln(['plugins', 'check', plugin, '-allow-not-run'], repo);
  assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
  const withFixture = await kiln(
    ['plugins', 'check', plugin, '-fixture', 'python-null={"message":"hi"}', '-json'],
    repo,
  );
  assert.equal(withFixture.code, 0, withFixture.stderr);
  const report = JSON.parse(withFixture.stdout);
  assert.equal(report.ok, true);
  assert.equal(report.skipped, 0);
  assert.equal(report.checks.find((c: { id: string }) => c.id === 'crash').status, 'pass');
});

test('kiln plugins check: an unknown plugin is a user error without a stack trace', async () => {
  const r = await kiln(['plugins', 'check', 'npm:kiln-plugin-that-is-not-here'], repo);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Error: No plugin found for "npm:kiln-plugin-that-is-not-here"/);
  assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
});
