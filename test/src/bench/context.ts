import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths and commands every benchmark needs. */
export interface BenchContext {
  repoRoot: string;
  /** argv prefix that runs the real kiln binary. */
  kiln: string[];
  /** Path of Debian's packer, when installed. */
  packer: string | undefined;
  /** How many measured runs each command gets. */
  runs: number;
}

/** Builds the context from the repository layout and the environment. */
export function benchContext(): BenchContext {
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const packer = ['/usr/bin/packer', '/usr/local/bin/packer'].find((p) => existsSync(p));
  return {
    repoRoot,
    kiln: [process.execPath, join(repoRoot, 'cli', 'bin', 'run.js')],
    packer,
    runs: Number(process.env.KILN_BENCH_RUNS ?? 20),
  };
}
