#!/usr/bin/env node
// Bundles the command line, core, the plugin SDK, the contract and their
// JavaScript dependencies into cli/dist/kiln.bundle.js, which bin/run.js
// loads when it is newer than every compiled package: one module instead of
// hundreds of files to resolve and read at each start. Packages that find
// files beside themselves at run time (the HCL grammar's WebAssembly, npm's
// installer, the SSH library's optional native parts) stay external.
// Run after `tsc -b` (scripts/setup.sh does).
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('==> Not bundling the command line: esbuild is not installed (kiln runs from dist/)');
  process.exit(0);
}
const cli = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${cli}dist/kiln.bundle.js`;
await esbuild.build({
  entryPoints: [`${cli}dist/bundle-entry.js`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build that requires its parts at run time.
  mainFields: ['module', 'main'],
  external: [
    'web-tree-sitter',
    '@tree-sitter-grammars/*',
    'pacote',
    '@npmcli/*',
    'ssh2',
    'cpu-features',
    'yaml',
  ],
  banner: {
    js: [
      "import { createRequire as __kilnCreateRequire } from 'node:module';",
      "import { dirname as __kilnDirname } from 'node:path';",
      "import { fileURLToPath as __kilnFileURLToPath } from 'node:url';",
      'const require = __kilnCreateRequire(import.meta.url);',
      'const __filename = __kilnFileURLToPath(import.meta.url);',
      'const __dirname = __kilnDirname(__filename);',
    ].join('\n'),
  },
  logLevel: 'warning',
  legalComments: 'none',
});
console.log(`==> Bundled the command line (${(statSync(outfile).size / 2 ** 20).toFixed(1)} MiB)`);
