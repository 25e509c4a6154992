import type { RunOptions } from '@kiln/core';
import type { TemplateFlagValues } from './template-flags.js';
import { UserError } from './user-error.js';

const list = (values: string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The command line's template flags (-var, -var-file, -only, -except) as a run's options. */
export function runOptions(
  flags: TemplateFlagValues,
): Required<Pick<RunOptions, 'vars' | 'varFiles' | 'only' | 'except' | 'env'>> {
  const vars: [string, string][] = (flags.var ?? []).map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0)
      throw new UserError(`-var "${v}": expected name=value`, {
        suggestions: ["Example: -var 'region=eu-west-1'"],
      });
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
  return {
    vars,
    varFiles: flags['var-file'] ?? [],
    only: list(flags.only),
    except: list(flags.except),
    env: process.env,
  };
}
