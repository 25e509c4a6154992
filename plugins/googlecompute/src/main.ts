#!/usr/bin/env node
/**
 * The file Kiln starts (package.json "kiln.main"): runs the plugin from
 * dist/plugin.bundle.cjs when that is current (scripts/bundle.mjs), else from
 * the compiled dist/plugin.js.
 */
import { packageProgram } from '@kiln/plugin-sdk/bundle';

const program = await packageProgram(import.meta.url, 'plugin');
await (program.main as () => Promise<void>)();
