import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';

/** Components a package declares in its package.json "kiln" field, by kind. */
export type DeclaredComponents = Partial<Record<string, string[]>>;

/** How to start the plugin under test, and what its package says about it. */
export interface ResolvedTarget {
  command: string;
  args: string[];
  cwd: string;
  /** Name to show before Describe answers: the package name or the file name. */
  name: string;
  /** The package's version, when the target is a package. */
  version?: string;
  /** The package's "kiln" field, when the target is a package. */
  kiln?: { protocol: number; main: string; components?: DeclaredComponents };
  /** Builder configurations found in the package's conformance/ folder, by type. */
  fixtures: Record<string, Record<string, unknown>>;
}

const JS = new Set(['.js', '.mjs', '.cjs']);

/** A JavaScript file runs under this Node.js; anything else is executed directly. */
export function commandFor(file: string): { command: string; args: string[] } {
  return JS.has(extname(file)) ? { command: process.execPath, args: [file] } : { command: file, args: [] };
}

function readFixtures(dir: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  let names: string[] = [];
  try {
    names = readdirSync(join(dir, 'conformance'));
  } catch {
    return out;
  }
  for (const n of names.filter((f) => f.endsWith('.json'))) {
    const file = join(dir, 'conformance', n);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: not a JSON fixture (${(e as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${file}: a fixture must be a JSON object (the builder's configuration body)`);
    }
    out[basename(n, '.json')] = value as Record<string, unknown>;
  }
  return out;
}

function resolvePackage(dir: string): ResolvedTarget {
  const pkgPath = join(dir, 'package.json');
  let pkg: { name?: string; version?: string; kiln?: ResolvedTarget['kiln'] };
  try {
    pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  } catch (e) {
    throw new Error(`${pkgPath}: cannot read it as JSON (${(e as Error).message})`);
  }
  const kiln = pkg.kiln;
  if (!kiln || typeof kiln !== 'object') {
    throw new Error(
      `${pkgPath}: no "kiln" field. A plugin package declares ` +
        `"kiln": { "protocol": 1, "main": "dist/main.js", "components": { "builder": ["..."] } }`,
    );
  }
  if (typeof kiln.main !== 'string' || !kiln.main) {
    throw new Error(`${pkgPath}: "kiln.main" must name the file Kiln starts (e.g. "dist/main.js")`);
  }
  if (typeof kiln.protocol !== 'number') {
    throw new Error(`${pkgPath}: "kiln.protocol" must be the plugin protocol version it speaks (1)`);
  }
  const main = resolve(dir, kiln.main);
  checkRunnable(main, `${pkgPath}: "kiln.main"`);
  return {
    ...commandFor(main),
    cwd: dir,
    name: pkg.name ?? basename(dir),
    ...(pkg.version ? { version: pkg.version } : {}),
    kiln,
    fixtures: readFixtures(dir),
  };
}

function checkRunnable(file: string, what: string): void {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch {
    throw new Error(`${what}: ${file} does not exist. Build the plugin first?`);
  }
  if (!st.isFile()) throw new Error(`${what}: ${file} is not a file`);
  if (!JS.has(extname(file))) {
    try {
      accessSync(file, constants.X_OK);
    } catch {
      throw new Error(`${what}: ${file} is not executable (chmod +x it)`);
    }
  }
}

/**
 * Resolves a conformance target: a plugin package directory (package.json
 * with a "kiln" field) or a plugin executable in any language. Throws an
 * Error saying what is wrong with it.
 */
export function resolveTarget(target: string): ResolvedTarget {
  const path = resolve(target);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new Error(`${target}: no such file or directory`);
  }
  if (st.isDirectory()) return resolvePackage(path);
  checkRunnable(path, target);
  return { ...commandFor(path), cwd: process.cwd(), name: basename(path), fixtures: {} };
}
