import { createRequire } from 'node:module';
import type ssh2 from 'ssh2';

let loaded: typeof ssh2 | undefined;

/** The ssh2 library (its server side), loaded when a proxy first starts. */
export function loadSsh2(): typeof ssh2 {
  loaded ??= createRequire(import.meta.url)('ssh2') as typeof ssh2;
  return loaded;
}
