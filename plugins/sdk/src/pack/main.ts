#!/usr/bin/env node
/**
 * kiln-plugin-pack [DIR] [-out DIR] [-external NAME]...: packs the plugin
 * package in DIR (default: the current directory) as a self-contained
 * tarball (see pack.ts) and prints its path; publish it with
 * `npm publish <tarball>`.
 */
import { parseArgs } from 'node:util';
import { PackError, packSelfContained } from './pack.js';

const USAGE = 'usage: kiln-plugin-pack [DIR] [-out DIR] [-external NAME]...';

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: '.' },
      external: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
    },
    args: process.argv.slice(2).map((a) => a.replace(/^-(out|external|help)(=|$)/, '--$1$2')),
  });
}
try {
  parsed = parse();
} catch (error) {
  console.error(`kiln-plugin-pack: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help || parsed.positionals.length > 1) {
  console.error(USAGE);
  process.exit(parsed.values.help ? 0 : 2);
}
try {
  const r = await packSelfContained(parsed.positionals[0] ?? '.', {
    out: parsed.values.out as string,
    external: parsed.values.external as string[],
  });
  if (r.bundled.length) console.error(`Bundled: ${r.bundled.join(', ')}`);
  console.log(r.tarball);
} catch (error) {
  console.error(`kiln-plugin-pack: ${error instanceof PackError ? error.message : String(error)}`);
  process.exit(1);
}
