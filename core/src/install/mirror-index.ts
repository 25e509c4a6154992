import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempNameFor } from '@kiln/plugin-sdk';
import semver from 'semver';
import { PLUGIN_PROTOCOL } from '../components/protocol.js';
import type { VersionConstraint } from './constraint.js';
import { PluginInstallError } from './install-error.js';

/** The index file of a plugin mirror directory. */
export const MIRROR_INDEX = 'kiln-mirror.json';

/** One package version in a mirror. */
export interface MirrorEntry {
  /** The npm tarball, relative to the mirror directory. */
  file: string;
  integrity: string;
  protocol: number;
  /** Its dependencies (node_modules), packed, when it has any. */
  deps?: { file: string; integrity: string };
}

/** A mirror's index: package name -> version -> entry. */
export interface MirrorIndex {
  version: 1;
  packages: Record<string, Record<string, MirrorEntry>>;
}

/** Reads a mirror's index; throws naming the directory when it is not a mirror. */
export function readMirror(dir: string): MirrorIndex {
  const file = join(dir, MIRROR_INDEX);
  if (!existsSync(file))
    throw new PluginInstallError(
      `${dir} is not a kiln plugin mirror (no ${MIRROR_INDEX}); make one with \`kiln plugins mirror\``,
    );
  try {
    const index = JSON.parse(readFileSync(file, 'utf8')) as MirrorIndex;
    if (index.version !== 1 || typeof index.packages !== 'object') throw new Error('unknown format');
    return index;
  } catch (error) {
    throw new PluginInstallError(`${file}: ${(error as Error).message}`);
  }
}

/** Reads the mirror's index, or an empty one when the directory has none yet. */
export function readOrCreateMirror(dir: string): MirrorIndex {
  return existsSync(join(dir, MIRROR_INDEX)) ? readMirror(dir) : { version: 1, packages: {} };
}

/** Writes the index (via a temporary file and a rename). */
export async function writeMirror(dir: string, index: MirrorIndex): Promise<void> {
  const file = join(dir, MIRROR_INDEX);
  // A temporary name per write: two writers in one process must not share one.
  const temp = tempNameFor(file);
  await writeFile(temp, `${JSON.stringify(index, null, 2)}\n`);
  await rename(temp, file);
}

/** The newest compatible version of `name` in the mirror satisfying the constraint (or exactly `exact`). */
export function pickFromMirror(
  dir: string,
  index: MirrorIndex,
  name: string,
  constraint: VersionConstraint,
  exact?: string,
): { version: string; entry: MirrorEntry } {
  const versions = Object.keys(index.packages[name] ?? {})
    .filter((v) => semver.valid(v))
    .sort(semver.rcompare);
  const ok = versions.filter(
    (v) =>
      semver.satisfies(v, constraint.range) &&
      (!exact || v === exact) &&
      index.packages[name]![v]!.protocol === PLUGIN_PROTOCOL,
  );
  const version = ok[0];
  if (!version) {
    const what = exact ? `version ${exact}` : `a version satisfying "${constraint.packer}"`;
    throw new PluginInstallError(
      `the mirror ${dir} has no ${what} of ${name} for plugin protocol ${PLUGIN_PROTOCOL} (it has: ${versions.join(', ') || 'none'}); refresh it with \`kiln plugins mirror\``,
    );
  }
  return { version, entry: index.packages[name]![version]! };
}

/** A package name as a file name: `@kiln/plugin-docker` -> `kiln-plugin-docker`. */
export function mirrorFileBase(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}`;
}
