import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentKind } from '@kiln/plugin-sdk';
import type { IgnoredPlugin, PluginDiscovery, PluginPackage } from './plugin-package.js';
import { PLUGIN_PROTOCOL as PROTOCOL_VERSION } from './protocol.js';

/** The first-party plugin packages a clone of the repository may hold (plugins/<dir>). */
export const FIRST_PARTY_PLUGIN_DIRS = ['docker', 'qemu', 'amazon', 'googlecompute', 'ansible'] as const;

const KINDS: ComponentKind[] = ['builder', 'provisioner', 'post-processor', 'data-source'];

let root: string | undefined;

/**
 * The repository root when core runs from a clone: the nearest directory
 * above this module whose package.json is the Kiln workspace's (core runs
 * from core/dist/components, or bundled into cli/dist). Elsewhere (an
 * installed package), the directory three levels up, where no
 * plugins/<dir>/package.json is found.
 */
export function repositoryRoot(): string {
  root ??= findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));
  return root;
}

function findRepositoryRoot(here: string): string {
  for (let dir = here, i = 0; i < 4; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === WORKSPACE_NAME) return dir;
    } catch {}
  }
  return resolve(here, '..', '..', '..');
}

/** The name in the repository's root package.json. */
const WORKSPACE_NAME = 'kiln-monorepo';

/**
 * Finds the first-party plugin packages of a repository clone by reading the
 * "kiln" field of each known package.json — no directory scans.
 */
export function workspacePlugins(root: string = repositoryRoot()): PluginDiscovery {
  const plugins: PluginPackage[] = [];
  const ignored: IgnoredPlugin[] = [];
  for (const d of FIRST_PARTY_PLUGIN_DIRS) {
    const dir = join(root, 'plugins', d);
    const pj = join(dir, 'package.json');
    if (!existsSync(pj)) continue;
    const result = readPluginPackage(dir, 'workspace');
    if ('reason' in result) ignored.push(result);
    else plugins.push(result);
  }
  return { plugins, ignored };
}

/** Reads and checks one plugin package's package.json "kiln" field. */
export function readPluginPackage(
  dir: string,
  origin: PluginPackage['origin'],
): PluginPackage | IgnoredPlugin {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch (error) {
    return { dir, reason: `cannot read package.json: ${(error as Error).message}` };
  }
  const name = typeof pkg.name === 'string' ? pkg.name : undefined;
  const at = (reason: string): IgnoredPlugin => ({ dir, ...(name ? { name } : {}), reason });
  const kiln = pkg.kiln as Record<string, unknown> | undefined;
  if (!name) return at('package.json has no "name"');
  if (!kiln || typeof kiln !== 'object') return at('package.json has no "kiln" field');
  if (kiln.protocol !== PROTOCOL_VERSION)
    return at(`speaks plugin protocol ${String(kiln.protocol)}, this kiln speaks ${PROTOCOL_VERSION}`);
  if (typeof kiln.main !== 'string') return at('"kiln.main" is missing');
  const main = join(dir, kiln.main);
  if (!existsSync(main)) return at(`${kiln.main} does not exist (build it: npx tsc -b ${dir})`);
  const components: PluginPackage['components'] = {};
  const declared = (kiln.components ?? {}) as Record<string, unknown>;
  for (const k of KINDS) {
    const list = declared[k];
    if (Array.isArray(list)) components[k] = list.filter((x): x is string => typeof x === 'string');
  }
  return {
    name,
    version: typeof pkg.version === 'string' ? pkg.version : '0.0.0',
    dir,
    main,
    protocol: PROTOCOL_VERSION,
    components,
    origin,
  };
}
