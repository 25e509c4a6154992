import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Optional native addons that JavaScript dependencies try inside try/catch
 * and do without (ssh2's cpu-features and crypto binding): left out of the
 * bundle, as an install with scripts disabled never builds them anyway.
 */
export const NATIVE_EXTERNALS: readonly string[] = ['cpu-features', '*.node'];

/** Options of {@link packSelfContained}. */
export interface PackOptions {
  /** Where the tarball is written (made if missing). */
  out: string;
  /** More packages to leave out of the bundle (they must then be optional at run time). */
  external?: string[];
  /** Keep the staged package directory (its path is in the result). */
  keepStage?: boolean;
}

/** What {@link packSelfContained} made. */
export interface PackResult {
  /** The tarball, ready for `npm publish <tarball>`. */
  tarball: string;
  /** The staged package directory (removed unless `keepStage`). */
  stage: string;
  /** The package's files, as published. */
  files: string[];
  /** The dependencies now inside the bundle (declared as devDependencies in the tarball). */
  bundled: string[];
}

type Manifest = Record<string, unknown> & {
  name?: string;
  version?: string;
  type?: string;
  kiln?: Record<string, unknown> & { main?: unknown };
  bin?: string | Record<string, string>;
};

/** A package directory that cannot be packed: the message says why. */
export class PackError extends Error {}

/**
 * Packs the Kiln plugin package in `dir` as a self-contained package: its
 * `kiln.main` bundled with esbuild together with every JavaScript
 * dependency (ES module output, so a launcher may use top-level await),
 * the other published files except compiled JavaScript, type declarations
 * and source maps (files named `*.bundle.cjs`, programs bundled beforehand,
 * are kept), and a package.json that declares no dependencies (they move to
 * devDependencies, for the record) and no scripts. `kiln init` then installs
 * it by fetching, verifying and unpacking the one tarball, with no
 * dependency install.
 *
 * Needs esbuild (`npm install -D esbuild`) and npm. What the bundle cannot
 * hold: dependencies loaded through a computed name, or through
 * `createRequire(...)(name)`, and files a dependency reads beside itself at
 * run time; mark such packages `external` only if the plugin does without
 * them.
 */
export async function packSelfContained(dir: string, options: PackOptions): Promise<PackResult> {
  const root = resolve(dir);
  let pkg: Manifest;
  try {
    pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Manifest;
  } catch (error) {
    throw new PackError(`${join(root, 'package.json')}: cannot read it: ${(error as Error).message}`);
  }
  const main = pkg.kiln?.main;
  if (!pkg.name || !pkg.version || typeof main !== 'string')
    throw new PackError(
      `${join(root, 'package.json')}: not a Kiln plugin package (it needs "name", "version" and "kiln.main")`,
    );
  if (!/\.(c|m)?js$/.test(main))
    throw new PackError(`${pkg.name}: "kiln.main" (${main}) is not JavaScript; there is nothing to bundle`);
  if (!(await stat(join(root, main)).catch(() => undefined)))
    throw new PackError(
      `${pkg.name}: "kiln.main" (${main}) does not exist in ${root}: build the package first`,
    );
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new PackError('packing a self-contained plugin needs esbuild: npm install --save-dev esbuild');
  }
  const published = await packFileList(root);
  await checkBundlesCurrent(root, published);
  await mkdir(options.out, { recursive: true });
  const stage = await mkdtemp(join(resolve(options.out), '.kiln-pack-'));
  try {
    // The bundle is an ES module: under "type": "module" a .js main keeps its name, else it becomes .mjs.
    const finalMain =
      pkg.type === 'module' && !main.endsWith('.cjs') ? main : main.replace(/\.(c|m)?js$/, '.mjs');
    const files = new Set<string>(['package.json', finalMain]);
    for (const f of published) {
      if (f === 'package.json' || f === main) continue;
      if (/\.(c|m)?js$|\.d\.(c|m)?ts$|\.map$|\.tsbuildinfo$/.test(f) && !f.endsWith('.bundle.cjs')) continue;
      await mkdir(dirname(join(stage, f)), { recursive: true });
      await copyFile(join(root, f), join(stage, f));
      files.add(f);
    }
    await esbuild.build({
      entryPoints: [join(root, main)],
      outfile: join(stage, finalMain),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: [...NATIVE_EXTERNALS, ...(options.external ?? [])],
      // CommonJS dependencies call require() for Node.js's own modules.
      banner: {
        js: "import { createRequire as __kilnCreateRequire } from 'node:module';\nconst require = __kilnCreateRequire(import.meta.url);",
      },
      logLevel: 'error',
      legalComments: 'none',
    });
    const { manifest, bundled } = selfContainedManifest(pkg, main, finalMain, files);
    await writeFile(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const tarball = await npmPack(stage, resolve(options.out));
    return { tarball, stage, files: [...files].sort(), bundled };
  } finally {
    if (!options.keepStage) await rm(stage, { recursive: true, force: true });
  }
}

/**
 * The published manifest: no dependencies of any kind (recorded as
 * devDependencies, which an install never reads), no scripts, no library
 * entry points (the compiled modules are not in the package), and `bin`
 * entries only for files that are.
 */
export function selfContainedManifest(
  pkg: Manifest,
  main: string,
  finalMain: string,
  files: Set<string>,
): { manifest: Manifest; bundled: string[] } {
  const {
    dependencies,
    optionalDependencies,
    peerDependencies,
    peerDependenciesMeta: _peerMeta,
    bundleDependencies: _bundle1,
    bundledDependencies: _bundle2,
    devDependencies,
    scripts: _scripts,
    files: _files,
    main: _main,
    module: _module,
    types: _types,
    typings: _typings,
    exports: _exports,
    ...rest
  } = pkg as Record<string, unknown>;
  const moved = {
    ...(peerDependencies as Record<string, string> | undefined),
    ...(optionalDependencies as Record<string, string> | undefined),
    ...(dependencies as Record<string, string> | undefined),
  };
  const manifest: Manifest = { ...rest, exports: { './package.json': './package.json' } };
  manifest.kiln = { ...pkg.kiln, main: finalMain };
  const bin =
    typeof pkg.bin === 'string' ? { [String(pkg.name).replace(/^@[^/]+\//, '')]: pkg.bin } : pkg.bin;
  if (bin) {
    const kept: Record<string, string> = {};
    for (const [name, target] of Object.entries(bin)) {
      const t = target.replace(/^\.\//, '') === main ? finalMain : target.replace(/^\.\//, '');
      if (files.has(t)) kept[name] = `./${t}`;
    }
    if (Object.keys(kept).length) manifest.bin = kept;
    else delete manifest.bin;
  }
  const dev = { ...(devDependencies as Record<string, string> | undefined), ...moved };
  if (Object.keys(dev).length) manifest.devDependencies = dev;
  return { manifest, bundled: Object.keys(moved).sort() };
}

/** The files `npm pack` would publish from `dir` (its "files", .npmignore), without running scripts. */
async function packFileList(dir: string): Promise<string[]> {
  const out = await npm(['pack', '--dry-run', '--json', '--ignore-scripts'], dir);
  const [first] = JSON.parse(out) as { files: { path: string }[] }[];
  if (!first) throw new PackError(`npm pack --dry-run in ${dir} listed nothing`);
  return first.files.map((f) => f.path);
}

/**
 * Refuses bundles older than the package's last `tsc -b` (its
 * tsconfig.tsbuildinfo): they would not hold the compiled code.
 */
async function checkBundlesCurrent(dir: string, files: string[]): Promise<void> {
  const built = await stat(join(dir, 'tsconfig.tsbuildinfo')).then(
    (s) => s.mtimeMs,
    () => undefined,
  );
  if (built === undefined) return;
  for (const f of files.filter((x) => x.endsWith('.bundle.cjs'))) {
    if ((await stat(join(dir, f))).mtimeMs < built)
      throw new PackError(`${join(dir, f)} is older than the last compile of ${dir}: bundle again first`);
  }
}

async function npmPack(stage: string, out: string): Promise<string> {
  const json = await npm(['pack', '--json', '--ignore-scripts', `--pack-destination=${out}`], stage);
  const [first] = JSON.parse(json) as { filename: string }[];
  if (!first) throw new PackError(`npm pack in ${stage} produced no tarball`);
  return join(out, first.filename.replace(/^@/, '').replace('/', '-'));
}

function npm(args: string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      [...args, '--workspaces=false', '--loglevel=error'],
      {
        cwd,
        timeout: 120_000,
        maxBuffer: 64 << 20,
        env: { ...process.env, npm_config_update_notifier: 'false' },
      },
      (error, stdout, stderr) =>
        error
          ? reject(new PackError(`npm ${args[0]} in ${cwd} failed: ${stderr.trim() || error.message}`))
          : resolvePromise(stdout),
    );
  });
}
