#!/usr/bin/env node
// Regenerates src/generated from the .proto files with proto-loader-gen-types.
// With --check, generates into a temporary folder and fails when the committed
// types differ (they are stale).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const protos = ['kiln/plugin/v1', 'grpc/health/v1'].flatMap((d) =>
  readdirSync(join(root, d))
    .filter((f) => f.endsWith('.proto'))
    .sort()
    .map((f) => `${d}/${f}`),
);
const out = mkdtempSync(join(tmpdir(), 'kiln-proto-'));
try {
  execFileSync(
    process.execPath,
    [
      join(root, '..', 'node_modules', '@grpc', 'proto-loader', 'build', 'bin', 'proto-loader-gen-types.js'),
      '--grpcLib=@grpc/grpc-js',
      '--longs=String',
      '--enums=String',
      '--defaults',
      '--oneofs',
      '--includeComments',
      `--includeDirs=${root}`,
      `--outDir=${out}`,
      ...protos,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  normalize(out);
  writeIndex(out);
  const target = join(root, 'src', 'generated');
  if (!check) {
    rmSync(target, { recursive: true, force: true });
    cpSync(out, target, { recursive: true });
    console.log(`generated ${list(out).length} files into ${relative(process.cwd(), target) || '.'}`);
  } else {
    const want = list(out);
    const have = safeList(target);
    const stale = want.filter((f) => !have.includes(f) || !same(join(out, f), join(target, f)));
    const extra = have.filter((f) => !want.includes(f));
    if (stale.length || extra.length) {
      console.error('proto/src/generated is stale; run `npm run proto:gen` and commit the result.');
      for (const f of [...stale, ...extra]) console.error(`  ${f}`);
      process.exit(1);
    }
    console.log(`proto/src/generated is up to date (${want.length} files)`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

// Makes the output independent of where the repository lives, and valid
// under NodeNext resolution (relative imports need their .js extension).
function normalize(dir) {
  for (const f of list(dir)) {
    const p = join(dir, f);
    const text = readFileSync(p, 'utf8')
      .replaceAll(`Original file: ${root}/`, 'Original file: ')
      .replace(/from '(\.\.?\/[^']+)'/g, "from '$1.js'");
    writeFileSync(p, text);
  }
}

// One module re-exporting every generated kiln.plugin.v1 type.
function writeIndex(dir) {
  const names = readdirSync(join(dir, 'kiln/plugin/v1'))
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => f.slice(0, -3));
  const lines = names.map((n) => `export type * from './kiln/plugin/v1/${n}.js';`);
  writeFileSync(join(dir, 'v1.ts'), `// Every generated kiln.plugin.v1 type.\n${lines.join('\n')}\n`);
}

function list(dir, base = dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? list(p, base) : [relative(base, p)];
  });
}
function safeList(dir) {
  try {
    return list(dir);
  } catch {
    return [];
  }
}
function same(a, b) {
  return readFileSync(a).equals(readFileSync(b));
}
