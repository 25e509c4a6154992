import semver from 'semver';
import { PLUGIN_PROTOCOL } from '../components/protocol.js';
import type { VersionConstraint } from './constraint.js';
import { PluginInstallError, registryError } from './install-error.js';
import type { NpmConfig } from './npm-config.js';
import { type KilnField, kilnField } from './plugin-manifest.js';

/** A registry version chosen for install. */
export interface ResolvedPlugin {
  name: string;
  version: string;
  integrity: string;
  /** The tarball URL. */
  tarball: string;
  kiln: KilnField;
  registry: string;
}

/** What resolution needs. */
export interface ResolveInput {
  name: string;
  constraint: VersionConstraint;
  npm: NpmConfig;
  /** Only this exact version (the lock's), still checked against the constraint. */
  exact?: string;
  protocol?: number;
}

/**
 * Picks the newest version of `name` that satisfies the constraint and whose
 * package.json declares a compatible `kiln.protocol`, from the full packument
 * (nothing is downloaded for versions that are rejected).
 */
export async function resolvePlugin(input: ResolveInput): Promise<ResolvedPlugin> {
  const { name, constraint, npm } = input;
  const protocol = input.protocol ?? PLUGIN_PROTOCOL;
  const registry = npm.registryFor(name);
  const { default: pacote } = await import('pacote');
  let packument: Awaited<ReturnType<typeof pacote.packument>>;
  try {
    packument = await pacote.packument(name, { ...npm.options, fullMetadata: true, preferOnline: true });
  } catch (error) {
    throw registryError(error, name, registry, npm.files);
  }
  const all = Object.keys(packument.versions ?? {})
    .filter((v) => semver.valid(v))
    .sort(semver.rcompare);
  const compatible = (v: string) => {
    const k = kilnField(packument.versions[v] as Record<string, unknown>);
    return typeof k !== 'string' && k.protocol === protocol ? k : undefined;
  };
  const wanted = all.filter(
    (v) => semver.satisfies(v, constraint.range) && (!input.exact || v === input.exact),
  );
  const rejected: string[] = [];
  for (const v of wanted) {
    const kiln = compatible(v);
    const dist = packument.versions[v]?.dist;
    if (!kiln) {
      const k = kilnField(packument.versions[v] as Record<string, unknown>);
      rejected.push(`${v} (${typeof k === 'string' ? k : `plugin protocol ${k.protocol}`})`);
      continue;
    }
    if (!dist?.tarball || !dist.integrity)
      throw new PluginInstallError(`${name}@${v} in ${registry} has no tarball or integrity in its metadata`);
    return { name, version: v, integrity: dist.integrity, tarball: dist.tarball, kiln, registry };
  }
  const what = input.exact ? `version ${input.exact}` : `version satisfying "${constraint.packer}"`;
  if (all.length === 0) throw new PluginInstallError(`${name} has no versions in ${registry}`);
  if (wanted.length === 0)
    throw new PluginInstallError(
      `${name} has no ${what} in ${registry} (available: ${all.slice(0, 8).join(', ')}${all.length > 8 ? ', ...' : ''}).`,
    );
  const newest = all.find((v) => compatible(v));
  throw new PluginInstallError(
    `${name}: ${rejected.join(', ')} ${rejected.length > 1 ? 'are' : 'is'} not compatible with this kiln (plugin protocol ${protocol}). ${
      newest
        ? `The newest compatible version is ${newest}; change the constraint to allow it.`
        : `No version of ${name} speaks plugin protocol ${protocol}.`
    }`,
  );
}
