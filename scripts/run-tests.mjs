#!/usr/bin/env node
// Runs Kiln's tests with Node's own test runner over the compiled packages.
//   unit:        *.test.js inside every package's dist (beside the code they
//                test), and scripts/*.test.mjs
//   integration: test/dist/integration/**/*.test.js (in-process suites against
//                real plugin processes, the reference Packer and the corpus)
//   e2e:         test/dist/e2e/**/*.test.js (the real kiln binary against real engines)
//   all:         all three, in one run
//   cloud:       test/dist/cloud/**/*.test.js, opt-in suites against real
//                clouds (Google Cloud); never part of `all` or `npm test`.
//                Without credentials they do not run, the summary says why,
//                and the run fails: a suite that did not run never passes,
//                whatever KILN_TEST_ALLOW_SKIP says.
// Extra arguments are passed to `node --test` (e.g. --test-name-pattern=docker).
// A skipped test fails the run unless KILN_TEST_ALLOW_SKIP=1 (never in CI);
// see scripts/skip-policy.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notRunSummary, parseSkips, skipSummary } from './skip-policy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const [suite = 'all', ...rest] = process.argv.slice(2);
const packages = ['proto', 'plugins', 'core', 'cli'];

function find(dir, pred, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) find(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

/** A compiled test whose TypeScript source was moved or deleted is left over from an older build. */
const hasSource = (p) => existsSync(p.replace(`${'/'}dist${'/'}`, `${'/'}src${'/'}`).replace(/\.js$/, '.ts'));
const isTest = (p) => p.endsWith('.test.js') && hasSource(p);
const suites = {
  unit: () => [
    ...packages.flatMap((pkg) => find(join(root, pkg), (p) => isTest(p) && p.includes(`${'/'}dist${'/'}`))),
    ...find(join(root, 'scripts'), (p) => p.endsWith('.test.mjs')),
  ],
  integration: () => find(join(root, 'test', 'dist', 'integration'), isTest),
  e2e: () => find(join(root, 'test', 'dist', 'e2e'), isTest),
};
const optIn = { cloud: () => find(join(root, 'test', 'dist', 'cloud'), isTest) };
if (suite !== 'all' && !suites[suite] && !optIn[suite]) {
  console.error(`unknown suite "${suite}": use unit, integration, e2e, all or cloud`);
  process.exit(2);
}
const files = suite === 'all' ? Object.values(suites).flatMap((f) => f()) : (suites[suite] ?? optIn[suite])();
if (files.length === 0) {
  console.error(`no ${suite} tests found: run the build first (npm run build)`);
  process.exit(1);
}
// The reference Packer for the template language and the CLI: v1.16.0, built
// once by the test environment (test/env/up.sh packer116) into its state
// directory. Differential tests read it from KILN_REFERENCE_PACKER and fail
// when it is missing; Debian's packer 1.6.6 stays at /usr/bin/packer for its
// built-in docker and qemu builders.
const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
process.env.KILN_REFERENCE_PACKER ??= join(stateDir, 'packer116');
// Packer's own QEMU plugin (test/env/up.sh packerqemu), for the Packer plugin bridge.
process.env.KILN_PACKER_QEMU_PLUGIN ??= join(stateDir, 'packer-plugin-qemu');
console.log(`running ${files.length} test files (${suite})`);
const scratch = mkdtempSync(join(tmpdir(), 'kiln-test-run-'));
const skipFile = join(scratch, 'skips.jsonl');
let status;
try {
  const r = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts', 'skip-reporter.mjs')}`,
      `--test-reporter-destination=${skipFile}`,
      `--test-concurrency=${process.env.KILN_TEST_CONCURRENCY ?? 2}`,
      ...rest,
      ...files.map((f) => relative(root, f)),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  status = r.status ?? 1;
  const skips = existsSync(skipFile) ? parseSkips(readFileSync(skipFile, 'utf8')) : [];
  // An opt-in suite that did not run is reported, and never counted as passed.
  const verdict = optIn[suite] ? notRunSummary(skips, suite) : skipSummary(skips, { env: process.env, root });
  if (verdict.text) (verdict.fail ? process.stderr : process.stdout).write(verdict.text);
  if (verdict.fail && status === 0) status = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
