import { bundleOrCompiled } from '@kiln/plugin-sdk/bundle';

/** Each program scripts/bundle.mjs bundles: bundle, compiled entry, packages whose compile it holds. */
const PROGRAMS: [bundle: string, compiled: string, packages: string[]][] = [
  ['cli/dist/kiln.bundle.cjs', 'cli/dist/main.js', ['cli/', 'core/']],
  ...['docker', 'qemu', 'amazon', 'ansible'].map((p): [string, string, string[]] => [
    `plugins/${p}/dist/plugin.bundle.cjs`,
    `plugins/${p}/dist/plugin.js`,
    [`plugins/${p}/`],
  ]),
];

/**
 * The bundles of the repository at `root` that Kiln would not run (missing,
 * or older than a compile of a package in them), so that it would run the
 * compiled files instead. Empty after `node scripts/bundle.mjs`.
 */
export function staleBundles(root: URL): string[] {
  return PROGRAMS.filter(([bundle, compiled, packages]) => {
    const b = new URL(bundle, root);
    const chosen = bundleOrCompiled(
      b,
      new URL(compiled, root),
      packages.map((p) => new URL(`${p}tsconfig.tsbuildinfo`, root)),
    );
    return chosen.href !== b.href;
  }).map(([bundle]) => bundle);
}
