import { appendFileSync } from 'node:fs';

/**
 * Core's debug log: off unless KILN_LOG=1 (or PACKER_LOG=1, for habit). Lines
 * go to stderr, or to the file KILN_LOG_PATH names. Plugin stderr is
 * forwarded here too, prefixed with the plugin's name.
 */
export interface Logger {
  readonly enabled: boolean;
  log(source: string, message: string): void;
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** A logger configured from the environment. */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const enabled = truthy(env.KILN_LOG) || truthy(env.PACKER_LOG);
  const path = env.KILN_LOG_PATH ?? env.PACKER_LOG_PATH;
  return {
    enabled,
    log(source, message) {
      if (!enabled) return;
      const stamp = new Date().toISOString();
      const text = message
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => `${stamp} [${source}] ${l}\n`)
        .join('');
      if (path) appendFileSync(path, text);
      else process.stderr.write(text);
    },
  };
}

/** The process-wide logger; components receive it explicitly where they can. */
export const logger: Logger = createLogger();
