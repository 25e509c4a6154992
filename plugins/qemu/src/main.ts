#!/usr/bin/env node
/**
 * The file Kiln starts (package.json "kiln.main"): runs the plugin from
 * dist/plugin.bundle.js when that is current (scripts/bundle.mjs), else from
 * the compiled dist/plugin.js.
 */
import { packageEntry } from '@kiln/plugin-sdk/bundle';

await import(packageEntry(import.meta.url, 'plugin').href);
