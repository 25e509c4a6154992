/** The plugin program: serves the googlecompute components over kiln.plugin.v1 (dist/main.js starts it). */
import { readFileSync } from 'node:fs';
import { serve } from '@kiln/plugin-sdk';
import { googlecomputeComponents } from './components.js';

/** Serves until Kiln closes stdin or calls Shutdown. */
export function main(): Promise<void> {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return serve({ name: pkg.name, version: pkg.version, ...googlecomputeComponents() });
}
