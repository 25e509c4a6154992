import { statSync } from 'node:fs';

/**
 * The tsbuildinfo files `tsc -b` writes for the SDK and the contract in a
 * clone of the Kiln repository (absent from installed packages).
 */
const SDK_BUILD_INFOS = [
  new URL('../tsconfig.tsbuildinfo', import.meta.url),
  new URL('../../../proto/tsconfig.tsbuildinfo', import.meta.url),
];

/**
 * Chooses what a program's launcher imports: `bundle` (one module made by
 * scripts/bundle.mjs holding the program and its dependencies, which loads
 * several times faster than hundreds of files) when it exists and is newer
 * than the last compile of every package in it, else `compiled`. In a clone,
 * `tsc -b` writes a tsconfig.tsbuildinfo per package, so a compile after the
 * last bundling falls back to the compiled files; an installed package has
 * none, and its bundle is the one it was packed with. KILN_NO_BUNDLE=1
 * always chooses the compiled files.
 *
 * Only node built-ins are imported here: this runs before anything else.
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

/** The usual call from a package's dist/main.js: dist/<name>.bundle.js or dist/<name>.js. */
export function packageEntry(mainUrl: string, name: string, buildInfos: URL[] = []): URL {
  return bundleOrCompiled(new URL(`./${name}.bundle.js`, mainUrl), new URL(`./${name}.js`, mainUrl), [
    new URL('../tsconfig.tsbuildinfo', mainUrl),
    ...buildInfos,
  ]);
}
