import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

const S = T.string;

/** filebase64 (relative paths from the working directory, as Packer), pathexpand, base64gzip, strcontains. */
export const fileHashFunctions: Record<string, FunctionSpec> = {
  filebase64: fn([param('path', S)], S, ([p]) => {
    try {
      return Value.string(readFileSync(p!.str).toString('base64'));
    } catch (e) {
      const why =
        (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
      return fail(`failed to read file "${p!.str}": open ${p!.str}: ${why}`);
    }
  }),
  base64gzip: fn([param('str', S)], S, ([s]) =>
    Value.string(gzipSync(Buffer.from(s!.str, 'utf8')).toString('base64')),
  ),
  pathexpand: fn([param('path', S)], S, ([p]) =>
    Value.string(p!.str === '~' || p!.str.startsWith('~/') ? homedir() + p!.str.slice(1) : p!.str),
  ),
  strcontains: fn([param('str', S), param('substr', S)], T.bool, ([s, sub]) =>
    Value.bool(s!.str.includes(sub!.str)),
  ),
};
