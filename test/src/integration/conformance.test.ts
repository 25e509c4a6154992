import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ConformanceReport, formatReport, runConformance } from '@kiln/plugin-sdk/conformance';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixturesDir = fileURLToPath(new URL('../fixtures/conformance-plugins/', import.meta.url));
const pythonPlugin = join(repo, 'examples', 'plugin-python');
const scratchBefore = new Set(readdirSync(tmpdir()));

const ALL_CHECKS = [
  'handshake',
  'describe',
  'unknown-type',
  'token',
  'health',
  'leftovers',
  'stdin',
  'cookie',
  'protocol',
  'shutdown',
  'crash',
  'stdout',
  'leaks',
];

function status(r: ConformanceReport, id: string): string | undefined {
  return r.checks.find((c) => c.id === id)?.status;
}

function reason(r: ConformanceReport, id: string): string {
  return r.checks.find((c) => c.id === id)?.reason ?? '';
}

/** Every check passes, and none was skipped. */
function assertConforms(r: ConformanceReport, extra: string[]): void {
  const failed = r.checks.filter((c) => c.status === 'fail');
  assert.deepEqual(failed, [], formatReport(r));
  assert.equal(r.skipped, 0, formatReport(r));
  for (const id of [...ALL_CHECKS, ...extra]) {
    assert.equal(status(r, id), 'pass', `${id}\n${formatReport(r)}`);
  }
}

/** Whether a process runs (a zombie, which this machine's init may never reap, does not). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) [ZX] /s.test(stat);
  } catch {
    return false;
  }
}

function pythonHasGrpc(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import grpc, grpc_tools'], { stdio: 'ignore' }).status === 0;
}

after(() => {
  // python-null's scratch directories survive only the crash check's SIGKILL.
  for (const e of readdirSync(tmpdir())) {
    if (e.startsWith('kiln-python-null-') && !scratchBefore.has(e))
      rmSync(join(tmpdir(), e), { recursive: true, force: true });
  }
});

test('the Python plugin passes every check', async () => {
  assert.ok(
    pythonHasGrpc(),
    'python3-grpcio and python3-grpc-tools are missing: run examples/plugin-python/setup.sh',
  );
  const r = await runConformance(pythonPlugin);
  assertConforms(r, ['schema:builder/python-null', 'cancel:builder/python-null']);
  assert.equal(r.plugin?.name, 'kiln-plugin-python-null');
  assert.match(r.plugin?.sdk ?? '', /python-grpcio/);
  const cancel = r.checks.find((c) => c.id === 'cancel:builder/python-null')!;
  assert.ok(
    cancel.details.some((d) => /Removing scratch directory/.test(d)),
    cancel.details.join('\n'),
  );
  const crash = r.checks.find((c) => c.id === 'crash')!;
  assert.match(crash.details[0] ?? '', /kiln-plugin-python-null" 0\.1\.0 .*signal SIGKILL.*listening on/s);
});

test('a TypeScript plugin written with serve() passes every check', async () => {
  const r = await runConformance(join(fixturesDir, 'ts-null.js'), {
    fixtures: { 'ts-null': { message: 'hi' } },
  });
  assertConforms(r, ['schema:builder/ts-null', 'cancel:builder/ts-null']);
  assert.equal(r.plugin?.version, '0.0.1');
});

test('the docker plugin passes every check', async (t) => {
  const docker = spawnSync('docker', ['image', 'inspect', 'kiln-test/busybox:latest'], { stdio: 'ignore' });
  if (docker.status !== 0) {
    t.skip('no Docker Engine with kiln-test/busybox: run test/env/up.sh');
    return;
  }
  const r = await runConformance(join(repo, 'plugins', 'docker'), {
    fixtures: { docker: { image: 'kiln-test/busybox:latest', pull: false, discard: true } },
  });
  assertConforms(r, ['schema:builder/docker', 'schema:post-processor/docker-tag', 'cancel:builder/docker']);
});

test('a careless plugin fails the cookie, protocol, token and schema checks, and the kit says why', async () => {
  const r = await runConformance(join(fixturesDir, 'careless.js'));
  assert.equal(r.ok, false);
  assert.equal(status(r, 'handshake'), 'pass');
  assert.equal(status(r, 'describe'), 'pass');
  assert.equal(status(r, 'health'), 'pass');
  assert.equal(status(r, 'stdin'), 'pass');
  assert.equal(status(r, 'leaks'), 'pass');
  assert.equal(status(r, 'cookie'), 'fail');
  assert.match(reason(r, 'cookie'), /wrong magic cookie it printed a handshake/);
  assert.equal(status(r, 'protocol'), 'fail');
  assert.equal(status(r, 'token'), 'fail');
  assert.match(reason(r, 'token'), /without a token was answered/);
  assert.equal(status(r, 'schema:provisioner/careless'), 'fail');
  assert.match(
    r.checks.find((c) => c.id === 'schema:provisioner/careless')!.details.join(),
    /unknown type "lisst"/,
  );
  assert.equal(status(r, 'unknown-type'), 'fail');
  assert.match(
    reason(r, 'unknown-type'),
    /Prepare of an unknown provisioner type failed the call \(UNIMPLEMENTED/,
  );
  assert.equal(status(r, 'shutdown'), 'fail');
  assert.equal(status(r, 'crash'), undefined, 'no builder, no Run to crash');
  assert.equal(status(r, 'stdout'), 'fail');
  assert.deepEqual(r.checks.find((c) => c.id === 'stdout')!.details.slice(0, 1), ['"careless: serving"']);
});

test('a plugin that never handshakes is reported within the bounds', async () => {
  const t0 = Date.now();
  const r = await runConformance(join(fixturesDir, 'silent.js'), {
    timeouts: { startMs: 1000, exitMs: 2000 },
  });
  assert.ok(Date.now() - t0 < 15_000, `took ${Date.now() - t0} ms`);
  assert.equal(status(r, 'handshake'), 'fail');
  assert.match(reason(r, 'handshake'), /1000 ms/);
  assert.match(r.checks[0]!.details.join(), /thinking about it/);
  assert.equal(status(r, 'describe'), 'fail');
  assert.match(reason(r, 'describe'), /did not start/);
  assert.match(reason(r, 'cookie'), /neither exited nor handshook within 1000 ms/);
  assert.equal(status(r, 'leaks'), 'pass');
});

test('a plugin that leaves a background process behind fails the leak check, and the kit kills it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-conformance-leak-'));
  try {
    const launcher = join(dir, 'leaky-launcher');
    const plugin = join(pythonPlugin, 'kiln-plugin-python-null');
    writeFileSync(launcher, `#!/bin/sh\nsleep 300 </dev/null >/dev/null 2>&1 &\nexec "${plugin}"\n`);
    chmodSync(launcher, 0o755);
    const r = await runConformance(launcher, {
      fixtures: { 'python-null': { message: 'leaky' } },
      timeouts: { callMs: 2000, exitMs: 2000 },
    });
    assert.equal(status(r, 'cancel:builder/python-null'), 'pass', formatReport(r));
    assert.equal(status(r, 'crash'), 'pass', formatReport(r));
    assert.equal(status(r, 'leaks'), 'fail');
    assert.match(reason(r, 'leaks'), /process sleep \(pid \d+\) is still running/);
    const pids = [...reason(r, 'leaks').matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
    assert.ok(pids.length >= 3, 'the sleeps of the refused launches (cookie, protocol) are found too');
    await new Promise((res) => setTimeout(res, 300));
    for (const pid of pids) assert.equal(running(pid), false, `pid ${pid} still runs`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
