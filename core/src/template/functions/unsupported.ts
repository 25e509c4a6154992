import { T } from '../hcl/eval/types.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

type Env = Record<string, string | undefined>;

const service = (name: string, params: string[], what: (env: Env) => string, env: Env): FunctionSpec =>
  fn(
    params.map((p) => param(p, T.string)),
    T.string,
    () =>
      fail(
        `${what(env)} is not contacted by Kiln: the ${name} function is not supported; pass the value in with a variable (-var, -var-file or PKR_VAR_*) instead`,
      ),
  );

const vault = (env: Env) => `Vault (${env.VAULT_ADDR || 'https://127.0.0.1:8200'})`;
const consul = (env: Env) => `Consul (${env.CONSUL_HTTP_ADDR || '127.0.0.1:8500'})`;
const secretsManager = (env: Env) =>
  `AWS Secrets Manager${env.AWS_REGION || env.AWS_DEFAULT_REGION ? ` (${env.AWS_REGION || env.AWS_DEFAULT_REGION})` : ''}`;

/** Packer's functions that read a secret store over the network: each says which service it would need. */
export function unsupportedFunctions(env: Env): Record<string, FunctionSpec> {
  return {
    vault: service('vault', ['path', 'key'], vault, env),
    consul_key: service('consul_key', ['key'], consul, env),
    aws_secretsmanager: service('aws_secretsmanager', ['name', 'key'], secretsManager, env),
    aws_secretsmanager_raw: service('aws_secretsmanager_raw', ['name'], secretsManager, env),
  };
}
