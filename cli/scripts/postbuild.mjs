#!/usr/bin/env node
// Writes cli/oclif.manifest.json from the compiled commands, so that
// `kiln <command>` finds its command without importing every command file.
// Run after `tsc -b` (scripts/setup.sh does).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = fileURLToPath(new URL('..', import.meta.url));
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
writeFileSync(
  new URL('../oclif.manifest.json', import.meta.url),
  `${JSON.stringify(plugin.manifest, null, 2)}\n`,
);
console.log(`==> Wrote the command manifest (${Object.keys(plugin.manifest.commands).length} commands)`);
