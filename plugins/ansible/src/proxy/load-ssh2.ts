import { createRequire } from 'node:module';
import type ssh2 from 'ssh2';

let loaded: typeof ssh2 | undefined;

/** The ssh2 library (its server side), loaded when a proxy first starts. */
export function loadSsh2(): typeof ssh2 {
  // `require` exists only in a bundle (scripts/bundle.mjs), which holds ssh2
  // itself; the compiled ES module loads it from node_modules.
  loaded ??= (
    typeof require === 'function' ? require('ssh2') : createRequire(import.meta.url)('ssh2')
  ) as typeof ssh2;
  return loaded;
}
