import { T } from '../hcl/eval/types.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const notYet = (name: string, params: string[]): FunctionSpec =>
  fn(
    params.map((p) => param(p, T.string)),
    T.string,
    () =>
      fail(
        `the ${name} function is not supported yet by Kiln; pass the value in with a variable (-var, -var-file or PKR_VAR_*) instead`,
      ),
  );

/** Functions Packer has that need a network service or a library Kiln does not have yet. */
export const unsupportedFunctions: Record<string, FunctionSpec> = {
  vault: notYet('vault', ['path', 'key']),
  consul_key: notYet('consul_key', ['key']),
  aws_secretsmanager: notYet('aws_secretsmanager', ['name', 'key']),
  aws_secretsmanager_raw: notYet('aws_secretsmanager_raw', ['name']),
  bcrypt: { ...notYet('bcrypt', ['str']), variadic: param('cost', T.number) },
};
