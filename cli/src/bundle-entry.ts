/**
 * The entry of cli/dist/kiln.bundle.cjs (scripts/bundle.mjs): the command
 * line, its commands, core, the SDK and their dependencies in one module, so
 * that a run does not resolve, read and compile hundreds of files. oclif
 * reaches the commands of this bundle through dist/bundle-commands.js.
 */
import { COMMANDS } from './commands.js';
import { main as run } from './main.js';

(globalThis as Record<symbol, unknown>)[Symbol.for('kiln.commands')] = COMMANDS;
// What oclif imports for the command list (see PROVIDED_MODULES in
// @kiln/plugin-sdk/bundle): given from here, without a module load.
(globalThis as Record<symbol, unknown>)[Symbol.for('kiln.provided-modules')] = new Map([
  [new URL('./bundle-commands.js', import.meta.url).href, { COMMANDS }],
]);

/** Runs kiln from the bundle. */
export const main = (argv: readonly string[]): Promise<number> =>
  run(argv, { commandsModule: './dist/bundle-commands.js' });
