import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Packer binaries differential tests compare Kiln against.
 *
 * - `packer116`: Packer v1.16.0, the reference for the template language and
 *   the CLI (console, fmt, inspect, validate, errors). The test environment
 *   builds it once (`test/env/up.sh packer116`) into its state directory;
 *   `KILN_REFERENCE_PACKER` overrides the path.
 * - `packer166`: Debian's packer 1.6.6, kept for its built-in docker and qemu
 *   builders in build comparisons.
 */
const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
export const packer116 = process.env.KILN_REFERENCE_PACKER ?? join(stateDir, 'packer116');
export const packer166 = '/usr/bin/packer';

/** Throws, with what to run, when a reference binary is absent: a differential test never passes without its peer. */
export function requirePacker(path: string): string {
  if (!existsSync(path)) {
    throw new Error(
      `reference Packer not found at ${path}: run \`npm run env:up\` (test/env/up.sh) to build or install it`,
    );
  }
  return path;
}
