import { packerFunctions } from '../../functions/index.js';
import type { FunctionTable } from '../../functions/spec.js';

/**
 * The HCL functions configuration expressions can call, by context, as in
 * Packer 1.16:
 * - `config` (locals, sources, builds, data sources): every function but
 *   env(); file functions join relative paths to `baseDir`, the
 *   configuration's directory as the user gave it (path.root);
 * - `default` (variable defaults): env() alone;
 * - `validation` (variable validation rules): every function but env(),
 *   file functions relative to the working directory.
 */
export function configFunctions(
  env: Record<string, string | undefined>,
  context: 'config' | 'default' | 'validation',
  baseDir = '',
): FunctionTable {
  if (context === 'default') {
    const all = packerFunctions({ baseDir: '', env, allowEnv: true });
    return new Map([...all].filter(([name]) => name === 'env'));
  }
  return packerFunctions({ baseDir: context === 'config' ? baseDir : '', env, allowEnv: false });
}
