import { WELL_KNOWN_SOURCES } from '../../install/source.js';
import { knownPluginFor } from '../known-plugins.js';
import type { JsonObject } from './body.js';
import { hclString } from './hcl-text.js';

/** The version constraint Packer's upgrade writes for a plugin Kiln does not ship. */
const PACKER_PLUGIN_VERSION = '~> 1';

/** The plugins (local name, source) the template's components come from, sorted. */
export function templatePlugins(root: JsonObject): [string, string][] {
  const types: string[] = [];
  const collect = (list: unknown) => {
    for (const c of Array.isArray(list) ? list.flat() : []) {
      if (typeof c === 'string') types.push(c);
      else if (c && typeof c === 'object' && typeof (c as JsonObject).type === 'string')
        types.push((c as JsonObject).type as string);
    }
  };
  collect(root.builders);
  collect(root.provisioners);
  collect(root['post-processors']);
  const found = new Map<string, string>();
  for (const t of types) {
    const hit = knownPluginFor(t);
    if (hit) found.set(hit.name, hit.source);
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * The packer block: required_version from min_packer_version, required_plugins
 * for every plugin Packer's upgrade knows; undefined when empty. Plugins Kiln
 * ships get `pluginVersion` (Kiln's own version line), others Packer's `~> 1`.
 */
export function packerBlock(root: JsonObject, pluginVersion: string): string | undefined {
  const plugins = templatePlugins(root);
  const min = typeof root.min_packer_version === 'string' ? root.min_packer_version : undefined;
  if (!min && plugins.length === 0) return undefined;
  let out = 'packer {\n';
  if (min) out += `  required_version = ${hclString(`>= ${min}`)}\n`;
  if (plugins.length > 0) {
    out += '  required_plugins {\n';
    for (const [name, source] of plugins) {
      const version = WELL_KNOWN_SOURCES[source] ? pluginVersion : PACKER_PLUGIN_VERSION;
      out += `    ${name} = {\n      source  = ${hclString(source)}\n      version = ${hclString(version)}\n    }\n`;
    }
    out += '  }\n';
  }
  return `${out}}\n`;
}
