import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, posix, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { fail, fn, param } from './define.js';
import { configPath, goModeString } from './file-path.js';
import type { FunctionSpec } from './spec.js';

const S = T.string;

/**
 * Options for the file functions: relative paths of file, fileexists,
 * fileset and templatefile are joined to `baseDir` (Packer: the
 * configuration's directory; '' in variable defaults, the working directory).
 * abspath is always relative to the working directory, as in Packer.
 */
export interface FileFunctionOptions {
  baseDir: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = resolve(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Go's filepath.Dir: everything before the last separator, cleaned. */
function goDir(p: string): string {
  const cut = p.lastIndexOf('/');
  const head = p.slice(0, cut + 1);
  if (head === '') return '.';
  const clean = posix.normalize(head);
  return clean.length > 1 ? clean.replace(/\/$/, '') : clean;
}

/** Go's filepath.Match syntax check: brackets closed, no trailing backslash. */
function validGlob(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i === pattern.length - 1) return false;
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') return false;
    } else if (c === ']' && inClass) inClass = false;
  }
  return !inClass;
}

/** file, fileexists, fileset, abspath, basename, dirname (templatefile lives in template-file.ts). */
export function fileFunctions(opts: FileFunctionOptions): Record<string, FunctionSpec> {
  return {
    file: fn([param('path', S)], S, ([p]) => {
      const path = configPath(opts.baseDir, p!.str);
      let data: Buffer;
      try {
        data = readFileSync(path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return fail(code === 'ENOENT' ? `no file exists at ${path}` : `failed to read ${path}`);
      }
      const text = data.toString('utf8');
      if (!Buffer.from(text, 'utf8').equals(data))
        fail(
          `contents of ${p!.str} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
        );
      return Value.string(text);
    }),
    fileexists: fn([param('path', S)], T.bool, ([p]) => {
      const path = configPath(opts.baseDir, p!.str);
      if (!existsSync(path)) return Value.bool(false);
      const st = statSync(path);
      if (!st.isFile())
        fail(`${path} is not a regular file, but "${goModeString(st.mode, st.isDirectory())}"`);
      return Value.bool(true);
    }),
    fileset: fn([param('path', S), param('pattern', S)], T.set(S), ([p, pat]) => {
      const root = configPath(opts.baseDir, p!.str, false);
      if (!existsSync(root)) return Value.set([], S);
      if (!validGlob(pat!.str)) fail(`failed to glob pattern (${pat!.str}): syntax error in pattern`);
      const match = picomatch(pat!.str, { dot: true });
      const files = walk(root)
        .map((f) => relative(root, f).split('\\').join('/'))
        .filter((f) => match(f));
      return Value.set(files.map(Value.string), S);
    }),
    abspath: fn([param('path', S)], S, ([p]) => Value.string(resolve(p!.str))),
    basename: fn([param('path', S)], S, ([p]) => Value.string(p!.str === '' ? '.' : basename(p!.str) || '/')),
    dirname: fn([param('path', S)], S, ([p]) => Value.string(goDir(p!.str))),
  };
}
