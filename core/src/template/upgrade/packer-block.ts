import type { JsonObject } from './body.js';
import { hclString } from './hcl-text.js';

/** Packer's plugin sources that Kiln's first-party plugins serve, by component type prefix. */
const FIRST_PARTY: [RegExp, string, string][] = [
  [/^docker/, 'docker', 'github.com/hashicorp/docker'],
  [/^qemu/, 'qemu', 'github.com/hashicorp/qemu'],
  [/^amazon/, 'amazon', 'github.com/hashicorp/amazon'],
];

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
    const hit = FIRST_PARTY.find(([re]) => re.test(t));
    if (hit) found.set(hit[1], hit[2]);
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** The packer block: required_version from min_packer_version, required_plugins; undefined when empty. */
export function packerBlock(root: JsonObject, pluginVersion: string): string | undefined {
  const plugins = templatePlugins(root);
  const min = typeof root.min_packer_version === 'string' ? root.min_packer_version : undefined;
  if (!min && plugins.length === 0) return undefined;
  let out = 'packer {\n';
  if (min) out += `  required_version = ${hclString(`>= ${min}`)}\n`;
  if (plugins.length > 0) {
    out += '  required_plugins {\n';
    for (const [name, source] of plugins)
      out += `    ${name} = {\n      source  = ${hclString(source)}\n      version = ${hclString(pluginVersion)}\n    }\n`;
    out += '  }\n';
  }
  return `${out}}\n`;
}
