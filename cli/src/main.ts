import { preprocessArgv } from './argv.js';
import { handleError } from './handle-error.js';

/**
 * Runs the kiln command line with Packer-style arguments and resolves with
 * the exit code. Commands are loaded lazily through oclif's manifest.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const args = preprocessArgv(argv);
  try {
    const { run } = await import('@oclif/core');
    await run(args, import.meta.url);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return handleError(error);
  }
}
