#!/usr/bin/env node
// The kiln binary. Two answers need no command framework, so that they start
// as fast as node itself: `kiln version`, and `kiln init TEMPLATE` when the
// template's lock file is current and every locked plugin is installed
// intact (the same check the init command makes first). Everything else runs
// from dist/kiln.bundle.js (cli/scripts/bundle.mjs) when it is newer than
// every compiled package, else from the compiled files.
import { readFileSync, statSync } from 'node:fs';

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
  const bundle = new URL('../dist/kiln.bundle.js', import.meta.url);
  const { main } = await import(bundleIsFresh(bundle) ? bundle : '../dist/main.js');
  process.exitCode = await main(args);
}

/**
 * Whether the bundle was made after the last compile of the packages in it.
 * In a clone, `tsc -b` writes each package's tsconfig.tsbuildinfo; an
 * installed package has none, and its bundle is the one it was published with.
 */
function bundleIsFresh(bundle) {
  if (process.env.KILN_NO_BUNDLE) return false;
  let made;
  try {
    made = statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  for (const p of ['../', '../../core/', '../../plugins/sdk/', '../../proto/']) {
    try {
      if (statSync(new URL(`${p}tsconfig.tsbuildinfo`, import.meta.url)).mtimeMs > made) return false;
    } catch {}
  }
  return true;
}
