import { createRequire } from 'node:module';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

type Bcryptjs = { hashSync(s: string, rounds: number): string };
let lib: Bcryptjs | undefined;

/** bcrypt(str, cost?): golang.org/x/crypto/bcrypt's hash ($2a$, cost 10 by default and below 4). */
export const bcryptFunction: FunctionSpec = fn(
  [param('str', T.string)],
  T.string,
  ([s, cost, ...rest]) => {
    let rounds = 10;
    if (cost) {
      if (!Number.isInteger(cost.num))
        fail('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
      rounds = cost.num;
    }
    if (rest.length > 0) fail('bcrypt() takes no more than two arguments');
    if (rounds > 31)
      fail(
        `error occured generating password crypto/bcrypt: cost ${rounds} is outside allowed inclusive range 4..31`,
      );
    if (rounds < 4) rounds = 10;
    if (Buffer.byteLength(s!.str) > 72)
      fail('error occured generating password bcrypt: password length exceeds 72 bytes');
    lib ??= createRequire(import.meta.url)('bcryptjs') as Bcryptjs;
    return Value.string(lib.hashSync(s!.str, rounds).replace(/^\$2b\$/, '$2a$'));
  },
  param('cost', T.number),
);
