import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preprocessArgv } from './argv.js';
import { directCommand, runDirect } from './direct.js';
import { handleError } from './handle-error.js';
import { manifestIsFresh } from './manifest-fresh.js';

/**
 * Runs the kiln command line with Packer-style arguments and resolves with
 * the exit code. `commandsModule` names the module (relative to the cli
 * package) that exports the commands, when it is not dist/commands.js;
 * `direct: false` sends every command through oclif's router (see direct.ts).
 */
export async function main(
  argv: readonly string[],
  options: { commandsModule?: string; direct?: boolean } = {},
): Promise<number> {
  const args = preprocessArgv(argv);
  ignoreClosedPipes();
  try {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const direct = options.direct === false ? undefined : directCommand(args);
    if (direct) {
      const { COMMANDS } = await import('./commands.js');
      await runDirect(direct, COMMANDS, pjson);
      return typeof process.exitCode === 'number' ? process.exitCode : 0;
    }
    const { Config, run } = await import('@oclif/core');
    if (options.commandsModule)
      pjson.oclif.commands = { strategy: 'explicit', target: options.commandsModule, identifier: 'COMMANDS' };
    const config = await Config.load({ root, pjson, ignoreManifest: !manifestIsFresh(root) });
    await run(args, config);
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
