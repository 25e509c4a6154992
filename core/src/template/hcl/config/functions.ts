import { packerFunctions } from '../../functions/index.js';
import type { FunctionTable } from '../../functions/spec.js';

/**
 * The HCL functions configuration expressions can call. `env()` works only
 * where Packer allows it: in variable defaults (`forVariables`).
 */
export function configFunctions(
  env: Record<string, string | undefined>,
  forVariables: boolean,
): FunctionTable {
  return packerFunctions({ baseDir: process.cwd(), env, allowEnv: forVariables });
}
