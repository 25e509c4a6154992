#!/usr/bin/env node
// The kiln binary. Two answers need no command framework, so that they start
// as fast as node itself: `kiln version`, and `kiln init TEMPLATE` when the
// template's lock file is current and every locked plugin is installed
// intact (the same check the init command makes first). `build` and
// `validate` start the plugins the template's last run used before anything
// else loads (KILN_PRESTART=0 turns that off). Everything else runs
// from dist/kiln.bundle.cjs (scripts/bundle.mjs) when it is newer than every
// compiled package in it, else from the compiled files.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && /^(-{0,2}version|-v)$/.test(args[0])) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`Kiln v${pkg.version}\n`);
} else if (
  args.length === 2 &&
  args[0] === 'init' &&
  !args[1].startsWith('-') &&
  !process.env.KILN_PLUGIN_MIRROR &&
  (await import('@kiln/core/init-check')).initUpToDate(args[1])
) {
  // Nothing to install.
} else {
  // The plugins the last run of this template launched start now, while the
  // rest of Kiln loads; core takes them over (plugins/sdk launch/prestart.ts).
  if (args[0] === 'build' || args[0] === 'validate') {
    (await import('@kiln/plugin-sdk/prestart')).prestartPlugins(args);
  }
  const { loadProgram } = await import('@kiln/plugin-sdk/bundle');
  const program = await loadProgram(
    new URL('../dist/kiln.bundle.cjs', import.meta.url),
    new URL('../dist/main.js', import.meta.url),
    ['../', '../../core/'].map((p) => new URL(`${p}tsconfig.tsbuildinfo`, import.meta.url)),
  );
  process.exitCode = await program.main(args);
}
