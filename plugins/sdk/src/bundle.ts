import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

// Only node built-ins are imported here: this runs before anything else of a
// Kiln program.

/**
 * The tsbuildinfo files `tsc -b` writes for the SDK and the contract in a
 * clone of the Kiln repository (absent from installed packages).
 */
const SDK_BUILD_INFOS = [
  new URL('../tsconfig.tsbuildinfo', import.meta.url),
  new URL('../../../proto/tsconfig.tsbuildinfo', import.meta.url),
];

/**
 * Chooses what a program's launcher runs: `bundle` (one CommonJS module made
 * by scripts/bundle.mjs holding the program and its dependencies) when it
 * exists and is newer than the last compile of every package in it, else
 * `compiled`. In a clone, `tsc -b` writes a tsconfig.tsbuildinfo per package,
 * so a compile after the last bundling falls back to the compiled files; an
 * installed package has none, and its bundle is the one it was packed with.
 * KILN_NO_BUNDLE=1 always chooses the compiled files.
 */
export function bundleOrCompiled(bundle: URL, compiled: URL, buildInfos: URL[] = []): URL {
  if (process.env.KILN_NO_BUNDLE) return compiled;
  let made: number;
  try {
    made = statSync(bundle).mtimeMs;
  } catch {
    return compiled;
  }
  for (const info of [...buildInfos, ...SDK_BUILD_INFOS]) {
    try {
      if (statSync(info).mtimeMs > made) return compiled;
    } catch {}
  }
  return bundle;
}

/** A program's exports: its bundle's or its compiled entry module's. */
export type ProgramExports = Record<string, unknown>;

/**
 * Loads a program: its bundle (through the code cache, see {@link loadBundle})
 * when {@link bundleOrCompiled} chooses it, else the compiled ES module.
 */
export async function loadProgram(
  bundle: URL,
  compiled: URL,
  buildInfos: URL[] = [],
): Promise<ProgramExports> {
  const chosen = bundleOrCompiled(bundle, compiled, buildInfos);
  return chosen === bundle ? loadBundle(bundle) : ((await import(compiled.href)) as ProgramExports);
}

/**
 * The usual call from a package's dist/main.js: dist/<name>.bundle.cjs, or
 * the compiled dist/<name>.js, with the package's own build info.
 */
export function packageProgram(mainUrl: string, name: string): Promise<ProgramExports> {
  return loadProgram(new URL(`./${name}.bundle.cjs`, mainUrl), new URL(`./${name}.js`, mainUrl), [
    new URL('../tsconfig.tsbuildinfo', mainUrl),
  ]);
}

/**
 * A 64-bit hash of a string, as 16 hex digits: names for cache files. Not
 * for security; what a name stands for is checked when the file is read.
 * Written here rather than taken from node:crypto because loading that
 * module costs more than a whole small command's hashing (about 12 ms at
 * every start on a 2-core machine).
 */
export function hashString(s: string): string {
  // Two 32-bit multiply-xor lanes, each mixed into the other at the end.
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x9e3779b1);
    b = Math.imul(b ^ c, 0x5f356495);
  }
  a = Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) ^ Math.imul(b ^ (b >>> 12), 0x297a2d39);
  b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d) ^ Math.imul(a ^ (a >>> 12), 0x297a2d39);
  a ^= a >>> 16;
  b ^= b >>> 16;
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Kiln's cache directory: KILN_CACHE_DIR, else $XDG_CACHE_HOME/kiln (default ~/.cache/kiln). */
export function kilnCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KILN_CACHE_DIR ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kiln');
}

/**
 * Where compiled code of bundles is kept between runs: code/ in
 * {@link kilnCacheDir}. One file per bundle path, replaced when the bundle
 * or Node.js changes.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(kilnCacheDir(env), 'code');
}

/**
 * Runs a bundle made by scripts/bundle.mjs and returns its exports. Node.js
 * 20 keeps no compiled code between runs, and compiling a bundle of a few
 * megabytes is most of a start; so the bundle runs as a vm.Script with V8's
 * code cache, written (once per bundle and Node.js version) when the process
 * exits. A cache V8 rejects is rewritten; one that cannot be written is
 * skipped. The bundle's dynamic imports go through the `__kilnImport`
 * parameter (scripts/bundle.mjs rewrites them), a real import() from here.
 */
export function loadBundle(bundle: URL): ProgramExports {
  const path = fileURLToPath(bundle);
  // The same V8 flags when the cache is made and used (core's HCL grammar
  // sets this one too, before it compiles its WebAssembly).
  if (process.env.KILN_WASM_TIER_UP !== '1') v8.setFlagsFromString('--liftoff-only');
  const st = statSync(path);
  const key = `${process.version} ${process.arch} ${st.size} ${st.mtimeMs} ${process.env.KILN_WASM_TIER_UP === '1'}\n`;
  const cacheFile = join(codeCacheDir(), `${hashString(path)}.bin`);
  const cachedData = readCache(cacheFile, key);
  // scripts/bundle.mjs writes ASCII only: read it without decoding UTF-8.
  const source = readFileSync(path, 'latin1');
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __kilnImport) {${source}\n})`,
    { filename: path, ...(cachedData ? { cachedData } : {}) },
  );
  if (!cachedData || script.cachedDataRejected)
    process.once('exit', () => writeCache(cacheFile, key, () => script.createCachedData()));
  const module = { exports: {} as ProgramExports };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(
    module.exports,
    module.exports,
    createRequire(path),
    module,
    path,
    dirname(path),
    (specifier: string) => {
      const own = (globalThis as { [PROVIDED_MODULES]?: Map<string, object> })[PROVIDED_MODULES]?.get(
        specifier,
      );
      return own ? Promise.resolve(own) : import(specifier);
    },
  );
  return module.exports;
}

/**
 * Modules a bundle provides itself, by the URL it imports them with: a
 * Map<string, object> the bundle sets on globalThis under this symbol. The
 * CLI's command list is one (oclif imports it by path): importing the file
 * would start Node's ES module loader for one module of three lines.
 */
export const PROVIDED_MODULES = Symbol.for('kiln.provided-modules');

function readCache(file: string, key: string): Buffer | undefined {
  try {
    const data = readFileSync(file);
    const keyBytes = Buffer.from(key);
    return data.subarray(0, keyBytes.length).equals(keyBytes) ? data.subarray(keyBytes.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdirSync never returns on
 * some file systems (under /proc, for one).
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    if (dirname(d) === d || missing.length > 64) throw new Error(`cannot create ${dir}`);
    missing.unshift(d);
  }
  for (const d of missing) mkdirSync(d, { mode: 0o700 });
}

function writeCache(file: string, key: string, data: () => Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    makeDirs(dirname(file));
    writeFileSync(tmp, Buffer.concat([Buffer.from(key), data()]), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only or full cache directory: the next run compiles again.
    rmSync(tmp, { force: true });
  }
}
