import type { ComponentKind } from '@kiln/plugin-sdk';
import type { RequiredPlugin } from '../config/model.js';
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
  const prefix = h.type.split('-')[0] ?? h.type;
  const required = h.requiredPlugins.find((r) => r.name === prefix || r.source.endsWith(`/${prefix}`));
  if (required) {
    lines.push(
      `The required plugin "${required.name}" (${required.source} ${required.version}) should provide it but is not installed: run \`kiln init\` on this template.`,
    );
  }
  if (h.builtins.length) lines.push(`Built-in ${h.kind}s: ${h.builtins.sort().join(', ')}.`);
  for (const p of h.plugins) {
    const offered = p.components[h.kind] ?? [];
    if (offered.length) lines.push(`Plugin ${p.name} ${p.version} offers ${h.kind}s: ${offered.join(', ')}.`);
  }
  if (!required && h.plugins.length === 0) {
    lines.push('No plugins are installed; add the plugin to required_plugins and run `kiln init`.');
  }
  return lines.join('\n');
}
