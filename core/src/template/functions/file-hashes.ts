import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import { configPath } from './file-path.js';
import type { FunctionSpec } from './spec.js';

const S = T.string;

/**
 * filebase64, filemd5, filesha1/256/512, pathexpand, base64gzip,
 * base64sha256/512, strcontains. filebase64 reads a relative path from the
 * working directory, as Packer's; the file hashes join it to `baseDir`, as
 * file() does.
 */
export function fileHashFunctions(baseDir: string): Record<string, FunctionSpec> {
  const read = (p: string): Buffer => {
    const path = configPath(baseDir, p);
    try {
      return readFileSync(path);
    } catch {
      return fail(`no file exists at ${path}`);
    }
  };
  const fileHash = (alg: string, enc: 'hex' | 'base64' = 'hex') =>
    fn([param('path', S)], S, ([p]) => Value.string(createHash(alg).update(read(p!.str)).digest(enc)));
  const strHash = (alg: string) =>
    fn([param('str', S)], S, ([s]) => Value.string(createHash(alg).update(s!.str, 'utf8').digest('base64')));
  return {
    filebase64: fn([param('path', S)], S, ([p]) => {
      try {
        return Value.string(readFileSync(p!.str).toString('base64'));
      } catch (e) {
        const why =
          (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
        return fail(`failed to read file "${p!.str}": open ${p!.str}: ${why}`);
      }
    }),
    filemd5: fileHash('md5'),
    filesha1: fileHash('sha1'),
    filesha256: fileHash('sha256'),
    filesha512: fileHash('sha512'),
    filebase64sha256: fileHash('sha256', 'base64'),
    filebase64sha512: fileHash('sha512', 'base64'),
    base64sha256: strHash('sha256'),
    base64sha512: strHash('sha512'),
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
}
