import { fileURLToPath } from 'node:url';
import { preprocessArgv } from './argv.js';
import { handleError } from './handle-error.js';
import { manifestIsFresh } from './manifest-fresh.js';

/**
 * Runs the kiln command line with Packer-style arguments and resolves with
 * the exit code. Commands are loaded lazily through oclif's manifest.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const args = preprocessArgv(argv);
  ignoreClosedPipes();
  try {
    const { run } = await import('@oclif/core');
    const root = fileURLToPath(new URL('..', import.meta.url));
    await run(args, manifestIsFresh(root) ? import.meta.url : { root, ignoreManifest: true });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return handleError(error);
  }
}

/**
 * `kiln build | head` closes stdout early: keep running (so that cleanups
 * still happen) instead of dying on EPIPE.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}
