import { packerFunctions } from '../../functions/index.js';
import type { FunctionTable } from '../../functions/spec.js';

/**
 * The HCL functions configuration expressions can call. `env()` works only
 * where Packer allows it: in variable defaults (`forVariables`). File
 * functions join relative paths to `baseDir`: the configuration's directory
 * as the user gave it (path.root), or '' (the working directory) in variable
 * defaults, as in Packer.
 */
export function configFunctions(
  env: Record<string, string | undefined>,
  forVariables: boolean,
  baseDir = '',
): FunctionTable {
  return packerFunctions({ baseDir: forVariables ? '' : baseDir, env, allowEnv: forVariables });
}
