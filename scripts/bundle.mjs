#!/usr/bin/env node
// Bundles each program Kiln starts into one CommonJS module beside its
// compiled files:
//   cli/dist/kiln.bundle.cjs              the command line, core, the SDK, the contract
//   plugins/<name>/dist/plugin.bundle.cjs each first-party plugin with the SDK
//                                         and every JavaScript dependency
//   plugins/docker/dist/reaper.bundle.cjs the docker plugin's watchdog
//   plugins/googlecompute/dist/google-clients.bundle.cjs
//                                         Google's client libraries, loaded by
//                                         the googlecompute bundle on first use
// A program's launcher loads its bundle through @kiln/plugin-sdk/bundle when
// the bundle is newer than the last `tsc -b` of every package in it: one file
// instead of hundreds to resolve and read, compiled once and then taken from
// V8's code cache (Node.js 20 keeps no compiled code for ES modules, hence
// CommonJS run as a vm.Script). The loader passes `__kilnImport`, a real
// import(), which the bundle's dynamic imports are rewritten to call.
// In the CLI, packages that find files beside themselves at run time, or are
// loaded only on some paths, stay external and load from node_modules. A
// plugin's bundles hold all of its JavaScript (only optional native addons
// stay out), so that its published package needs no dependency install
// (plugins/sdk/src/pack, docs/plugin-distribution.md).
// Run after `tsc -b` (scripts/setup.sh does). Without esbuild (a production
// install), nothing is bundled and Kiln runs from the compiled files.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('==> Not bundling: esbuild is not installed (Kiln runs from the compiled files)');
  process.exit(0);
}
const root = fileURLToPath(new URL('..', import.meta.url));

const cliExternal = [
  // The HCL grammar's WebAssembly files are found beside these packages.
  'web-tree-sitter',
  '@tree-sitter-grammars/*',
  // The SSH library (optional native parts).
  'ssh2',
  'cpu-features',
  // Template functions load these on first call (text encodings, bcrypt).
  'iconv-lite',
  'bcryptjs',
  // Google's client libraries (googlecompute) read their API definitions
  // from files beside them, and are loaded on first use.
  '@google-cloud/compute',
  'google-auth-library',
  // The Kubernetes client, for -executor=kubernetes only.
  '@kubernetes/client-node',
];
// Optional native addons: ssh2 tries cpu-features and its own crypto
// binding inside try/catch and falls back to JavaScript without them.
const pluginExternal = ['cpu-features', '*.node'];
// Google's client libraries hold megabytes of API definitions: they go to a
// bundle of their own beside the plugin's, read when a build first needs them.
const googleClients = ['@google-cloud/compute', 'google-auth-library'];

const programs = [
  // gRPC (and the Node.js modules it loads: http2, tls, dns, zlib) is needed
  // only by commands that start a plugin; fmt, inspect, console and
  // validate -syntax-only never touch it. yauzl (unzipping Packer plugin
  // releases) and proper-lockfile (plugin directory locks) read Node.js
  // modules (zlib, assert) when they load. protobufjs in full (with its
  // .proto parser) only decodes a Packer plugin's ConfigSpec; the contract's
  // codecs need only its minimal runtime (protobufjs/minimal.js).
  {
    entry: 'cli/dist/bundle-entry.js',
    out: 'cli/dist/kiln.bundle.cjs',
    lazy: ['@grpc/grpc-js', 'yauzl', 'proper-lockfile', 'protobufjs'],
    debugOff: true,
    external: cliExternal,
    // npm's installer (kiln init, kiln plugins): hundreds of modules, which
    // took most of a first `kiln init` to load from node_modules; a bundle
    // of their own, through the loader's code cache, read on first use.
    sidecar: { names: ['pacote'], file: 'pacote.bundle.cjs', cached: true },
  },
  {
    entry: 'cli/dist/bundle-entry.js',
    stdin: `module.exports = () => require('pacote');`,
    out: 'cli/dist/pacote.bundle.cjs',
    // node-gyp is looked up only to run install scripts, which Kiln never runs.
    external: ['cpu-features', '*.node', 'node-gyp/bin/node-gyp.js'],
  },
  ...['docker', 'qemu', 'amazon', 'googlecompute', 'ansible'].map((p) => ({
    entry: `plugins/${p}/dist/plugin.js`,
    out: `plugins/${p}/dist/plugin.bundle.cjs`,
    external: pluginExternal,
    sidecar: p === 'googlecompute' ? { names: googleClients, file: 'google-clients.bundle.cjs' } : undefined,
  })),
  // Run by node itself (the watchdog) or required (the sidecar): `plain`
  // keeps their import() calls, which work there (only the vm.Script the
  // loader runs bundles in needs `__kilnImport`).
  {
    entry: 'plugins/docker/dist/reaper-main.js',
    out: 'plugins/docker/dist/reaper.bundle.cjs',
    external: pluginExternal,
    plain: true,
  },
  {
    entry: 'plugins/googlecompute/dist/plugin.js',
    stdin: `module.exports = (name) => name === 'google-auth-library' ? require('google-auth-library') : require('@google-cloud/compute');`,
    out: 'plugins/googlecompute/dist/google-clients.bundle.cjs',
    external: pluginExternal,
    plain: true,
    omitted: omitComputeProtos(),
  },
].filter((p) => existsSync(root + p.entry));

// import.meta.url of the bundled ES modules: the bundle's own location.
const banner = "const __kilnImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** import( calls, not property accesses, identifiers ending in "import" or text in strings. */
const DYNAMIC_IMPORT = /(?<![\w$.'"`])import\(/g;

/**
 * Makes the CommonJS packages named in `names` load on first use instead of
 * when the bundle starts. esbuild runs every module a bundle reaches
 * statically at start-up; Kiln's sources import `* as grpc` and only read
 * its properties inside functions, so each import of such a package is given
 * a stand-in whose exports are getters that require the real package (still
 * in the bundle) when first read. The stand-in's export names are taken
 * from the package itself at bundling time.
 */
function lazyModules(names) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'kiln-lazy-modules',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData?.kilnLazyReal) return undefined;
        const real = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { kilnLazyReal: true },
        });
        if (real.errors.length) return { errors: real.errors };
        return { path: real.path, namespace: 'kiln-lazy' };
      });
      build.onLoad({ filter: /.*/, namespace: 'kiln-lazy' }, (args) => {
        const real = createRequire(args.path)(args.path);
        const keys = Object.keys(real).filter((k) => k !== '__esModule');
        return {
          loader: 'js',
          resolveDir: root,
          contents: [
            'let real;',
            `const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
            real.__esModule ? "Object.defineProperty(exports, '__esModule', { value: true });" : '',
            `for (const key of ${JSON.stringify(keys)})`,
            '  Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });',
          ].join('\n'),
        };
      });
    },
  };
}

/**
 * Node.js modules that most runs never use (a plugin process, a download, a
 * terminal prompt) and that cost a few milliseconds each to set up: the
 * bundle gets each as a stand-in whose exports are getters that require the
 * real module when first read, as lazyModules does for packages. Code that
 * reads them at start-up (a class extending one of their classes) still
 * loads them then.
 */
// Not assert: its export is itself a function that packages call.
const LAZY_BUILTINS = [
  'child_process',
  'crypto',
  'dgram',
  'dns',
  'http',
  'https',
  'http2',
  'net',
  'perf_hooks',
  'readline',
  'readline/promises',
  'tls',
  'zlib',
];

function lazyBuiltins() {
  const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|').replace(/\//g, '\\/')})$`);
  return {
    name: 'kiln-lazy-builtins',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.namespace === 'kiln-lazy-builtin'
          ? { path: args.path, external: true }
          : { path: args.path.replace(/^node:/, ''), namespace: 'kiln-lazy-builtin' },
      );
      build.onLoad({ filter: /.*/, namespace: 'kiln-lazy-builtin' }, (args) => {
        const real = createRequire(import.meta.url)(`node:${args.path}`);
        const keys = Object.keys(real);
        return {
          loader: 'js',
          contents: [
            'let real;',
            `const load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}));`,
            // A module that is itself a function (assert: ssh2 calls
            // `assert(...)`) gets a stand-in that can be called too.
            typeof real === 'function'
              ? 'module.exports = function (...args) { return load().apply(this, args); };'
              : '',
            `for (const key of ${JSON.stringify(keys)})`,
            '  Object.defineProperty(module.exports, key, { enumerable: true, get: () => load()[key] });',
          ].join('\n'),
        };
      });
    },
  };
}

/**
 * The `debug` package (oclif's logger) loads tty, util and supports-color
 * and reads its settings when it is first required, a few per cent of a
 * start. Its loggers print only when DEBUG is set, so the bundle gets a
 * stand-in that hands out silent loggers unless DEBUG is set, and the real
 * package (still in the bundle) otherwise.
 */
function debugOff() {
  return {
    name: 'kiln-debug-off',
    setup(build) {
      build.onResolve({ filter: /^debug$/ }, async (args) => {
        if (args.pluginData?.kilnDebugReal) return undefined;
        const real = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { kilnDebugReal: true },
        });
        if (real.errors.length) return { errors: real.errors };
        return { path: real.path, namespace: 'kiln-debug-off' };
      });
      build.onLoad({ filter: /.*/, namespace: 'kiln-debug-off' }, (args) => ({
        loader: 'js',
        resolveDir: root,
        contents: [
          'const silent = Object.assign(() => {}, { enabled: false, namespace: "", log() {} });',
          'silent.extend = () => silent;',
          `module.exports = (namespace) => (process.env.DEBUG ? require(${JSON.stringify(args.path)})(namespace) : silent);`,
        ].join('\n'),
      }));
    },
  };
}

/**
 * Leaves @google-cloud/compute's `protos` export empty: a 30 MiB module of
 * generated message classes that the plugin uses only for its types (the
 * clients decode with protos.json), and that would make loading the sidecar
 * take seconds.
 */
function omitComputeProtos() {
  return {
    name: 'kiln-omit-compute-protos',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/protos\/protos$/ }, (args) =>
        /[\\/]@google-cloud[\\/]compute[\\/]/.test(args.importer)
          ? { path: args.path, namespace: 'kiln-omitted' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'kiln-omitted' }, () => ({
        loader: 'js',
        contents: 'module.exports = {};',
      }));
    },
  };
}

/**
 * Makes `names` load from the bundle `file` beside this one (made from a
 * `stdin` program above, which exports a function from name to module):
 * with `cached`, through @kiln/plugin-sdk/bundle's loader (V8's code cache,
 * for a bundle loaded on every run of a command), else with require.
 */
function sidecarModules({ names, file, cached }) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'kiln-sidecar-modules',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'kiln-sidecar' }));
      build.onLoad({ filter: /.*/, namespace: 'kiln-sidecar' }, (args) => ({
        loader: 'js',
        resolveDir: root,
        contents: cached
          ? [
              "const { loadBundle } = require('@kiln/plugin-sdk/bundle');",
              `const file = require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(file)}));`,
              `module.exports = loadBundle(file)(${JSON.stringify(args.path)});`,
            ].join('\n')
          : `module.exports = require(require('node:path').join(__dirname, ${JSON.stringify(file)}))(${JSON.stringify(args.path)});`,
      }));
    },
  };
}

await Promise.all(
  programs.map((p) =>
    esbuild.build({
      ...(p.stdin
        ? { stdin: { contents: p.stdin, resolveDir: root + dirname(p.entry), loader: 'js' } }
        : { entryPoints: [root + p.entry] }),
      outfile: root + p.out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // jsonc-parser's "main" is a UMD build that requires its parts at run time.
      mainFields: ['module', 'main'],
      external: p.external,
      define: { 'import.meta.url': '__kilnImportMetaUrl' },
      banner: { js: banner },
      logLevel: 'warning',
      legalComments: 'none',
      plugins: [
        ...(p.lazy ? [lazyModules(p.lazy)] : []),
        ...(p.debugOff ? [debugOff()] : []),
        ...(p.sidecar ? [sidecarModules(p.sidecar)] : []),
        ...(p.omitted ? [p.omitted] : []),
        // Bundles loaded on first use gain nothing from it.
        ...(p.stdin || p.plain ? [] : [lazyBuiltins()]),
      ],
    }),
  ),
);
for (const p of programs) {
  const out = root + p.out;
  const read = readFileSync(out, 'utf8');
  const text = (p.plain ? read : read.replace(DYNAMIC_IMPORT, '__kilnImport('))
    // All ASCII (esbuild leaves some regular expressions alone), so that the
    // loader can read it as one-byte text without decoding UTF-8.
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(out, text);
  console.log(`==> Bundled ${p.out} (${(statSync(out).size / 2 ** 20).toFixed(1)} MiB)`);
}
