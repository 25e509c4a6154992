import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

/**
 * env(name): an environment variable, or "" when unset. Packer allows it
 * only in variable defaults; when `allowed` is false the call fails saying so.
 */
export function envFunction(env: Record<string, string | undefined>, allowed: boolean): FunctionSpec {
  return fn([param('key', T.string)], T.string, ([k]) => {
    if (!allowed)
      fail(
        'env() can only be used in the default value of a variable; declare a variable with default = env("...") and use var.<name>',
      );
    return Value.string(env[k!.str] ?? '');
  });
}
