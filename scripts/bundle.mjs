#!/usr/bin/env node
// Bundles each program Kiln starts into one module beside its compiled files:
//   cli/dist/kiln.bundle.js            the command line, core, the SDK, the contract
//   plugins/<name>/dist/plugin.bundle.js  each first-party plugin with the SDK
// A program loads its bundle (through @kiln/plugin-sdk/bundle) when it is
// newer than the last `tsc -b` of every package in it, so a run resolves and
// reads one file instead of hundreds. Packages that find files beside
// themselves at run time, or are loaded only on some paths through
// createRequire, stay external and load from node_modules.
// Run after `tsc -b` (scripts/setup.sh does). Without esbuild (a production
// install), nothing is bundled and Kiln runs from the compiled files.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('==> Not bundling: esbuild is not installed (Kiln runs from the compiled files)');
  process.exit(0);
}
const root = fileURLToPath(new URL('..', import.meta.url));

const programs = [
  { entry: 'cli/dist/bundle-entry.js', out: 'cli/dist/kiln.bundle.js' },
  ...['docker', 'qemu', 'amazon'].map((p) => ({
    entry: `plugins/${p}/dist/plugin.js`,
    out: `plugins/${p}/dist/plugin.bundle.js`,
  })),
].filter((p) => existsSync(root + p.entry));

// CommonJS dependencies inside an ES module expect these.
const banner = [
  "import { createRequire as __kilnCreateRequire } from 'node:module';",
  "import { dirname as __kilnDirname } from 'node:path';",
  "import { fileURLToPath as __kilnFileURLToPath } from 'node:url';",
  'const require = __kilnCreateRequire(import.meta.url);',
  'const __filename = __kilnFileURLToPath(import.meta.url);',
  'const __dirname = __kilnDirname(__filename);',
].join('\n');

await Promise.all(
  programs.map((p) =>
    esbuild.build({
      entryPoints: [root + p.entry],
      outfile: root + p.out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // jsonc-parser's "main" is a UMD build that requires its parts at run time.
      mainFields: ['module', 'main'],
      external: [
        // The HCL grammar's WebAssembly files are found beside these packages.
        'web-tree-sitter',
        '@tree-sitter-grammars/*',
        // npm's installer (kiln init) and the SSH library (optional native parts).
        'pacote',
        '@npmcli/*',
        'ssh2',
        'cpu-features',
      ],
      banner: { js: banner },
      logLevel: 'warning',
      legalComments: 'none',
    }),
  ),
);
for (const p of programs)
  console.log(`==> Bundled ${p.out} (${(statSync(root + p.out).size / 2 ** 20).toFixed(1)} MiB)`);
