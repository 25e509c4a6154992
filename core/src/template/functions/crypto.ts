import { createHash, randomUUID } from 'node:crypto';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const hash = (alg: string): FunctionSpec =>
  fn([param('str', T.string)], T.string, ([s]) =>
    Value.string(createHash(alg).update(s!.str, 'utf8').digest('hex')),
  );

/** Hash functions and uuidv4. */
export const cryptoFunctions: Record<string, FunctionSpec> = {
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  sha512: hash('sha512'),
  uuidv4: fn([], T.string, () => Value.string(randomUUID())),
};
