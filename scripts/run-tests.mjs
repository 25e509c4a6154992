#!/usr/bin/env node
// Runs Kiln's tests with Node's own test runner over the compiled packages.
//   unit: *.test.js inside every package's dist (beside the code they test)
//   e2e:  test/dist/e2e/**/*.test.js (the real kiln binary against real engines)
//   all:  both, in one run
// Extra arguments are passed to `node --test` (e.g. --test-name-pattern=docker).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const isTest = (p) => p.endsWith('.test.js');
const unit = packages.flatMap((pkg) =>
  find(join(root, pkg), (p) => isTest(p) && p.includes(`${'/'}dist${'/'}`)),
);
const e2e = find(join(root, 'test', 'dist', 'e2e'), isTest);
const files = suite === 'unit' ? unit : suite === 'e2e' ? e2e : [...unit, ...e2e];
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
console.log(`running ${files.length} test files (${suite})`);
const r = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.KILN_TEST_CONCURRENCY ?? 2}`,
    ...rest,
    ...files.map((f) => relative(root, f)),
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
