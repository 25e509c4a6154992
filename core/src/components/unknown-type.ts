import type { ComponentKind } from '@kiln/plugin-sdk';
import type { RequiredPlugin } from '../config/model.js';
import { knownPluginFor } from '../template/known-plugins.js';
import type { PluginPackage } from './plugin-package.js';

/** What the user should know about a type nothing provides. */
export interface UnknownTypeHelp {
  kind: ComponentKind;
  type: string;
  builtins: string[];
  plugins: PluginPackage[];
  requiredPlugins: RequiredPlugin[];
}

/**
 * Explains an unknown component type: what is built in, which available
 * plugins offer what, and when a required_plugins entry would provide it,
 * to run `kiln init`.
 */
export function explainUnknownType(h: UnknownTypeHelp): string {
  const lines: string[] = [];
  const required = requiredPluginHint(h.type, h.requiredPlugins);
  if (required) lines.push(required);
  else {
    const known = knownPluginFor(h.type);
    if (known)
      lines.push(
        `The ${h.kind} "${h.type}" is provided by the plugin ${known.source}: add it to required_plugins and run \`kiln init\`, or run \`kiln plugins install ${known.source}\`.`,
      );
  }
  if (h.builtins.length) lines.push(`Built-in ${h.kind}s: ${h.builtins.sort().join(', ')}.`);
  for (const p of h.plugins) {
    const offered = p.components[h.kind] ?? [];
    if (offered.length) lines.push(`Plugin ${p.name} ${p.version} offers ${h.kind}s: ${offered.join(', ')}.`);
  }
  if (!required && h.plugins.length === 0 && !knownPluginFor(h.type)) {
    lines.push('No plugins are installed; add the plugin to required_plugins and run `kiln init`.');
  }
  return lines.join('\n');
}

/**
 * When a required_plugins entry would provide the type (Packer's naming: a
 * plugin "docker" provides "docker" and "docker-*"), says to run `kiln init`.
 */
export function requiredPluginHint(type: string, requiredPlugins: RequiredPlugin[]): string | undefined {
  const r = requiredPlugins.find(
    (p) => type === p.name || type.startsWith(`${p.name}-`) || p.source.endsWith(`/${type.split('-')[0]}`),
  );
  if (!r) return undefined;
  return `The required plugin "${r.name}" (${r.source} ${r.version}) should provide it but is not installed: run \`kiln init\` on this template.`;
}
