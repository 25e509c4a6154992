/**
 * The entry of cli/dist/kiln.bundle.js (scripts/bundle.mjs): the command
 * line, its commands, core, the SDK and their dependencies in one module, so
 * that a run does not resolve and load hundreds of files. oclif finds the
 * commands in this same module.
 */
import { main as run } from './main.js';

export { COMMANDS } from './commands.js';

/** Runs kiln from the bundle. */
export const main = (argv: readonly string[]): Promise<number> =>
  run(argv, { commandsModule: './dist/kiln.bundle.js' });
