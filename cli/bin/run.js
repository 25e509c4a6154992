#!/usr/bin/env node
// The kiln binary. `kiln version` is answered without loading the command
// framework, so that it starts as fast as node itself.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && /^(-{0,2}version|-v)$/.test(args[0])) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`Kiln v${pkg.version}\n`);
} else {
  const { main } = await import('../dist/main.js');
  process.exitCode = await main(args);
}
