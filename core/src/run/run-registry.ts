import { loadBuiltins } from '../components/builtin-set.js';
import { templatePlugins } from '../components/installed-plugins.js';
import { ComponentRegistry, type ComponentRegistryOptions } from '../components/registry.js';
import { PluginHost } from '../plugin-host/plugin-host.js';
import { hostPluginStarter } from '../plugin-host/plugin-starter.js';

/**
 * The component registry of one run: built-ins, the plugins the template at
 * `templatePath` may use (its lock file decides), and a plugin host of its
 * own that starts plugin processes lazily. Whoever creates it shuts it down.
 */
export function runRegistry(
  templatePath: string | undefined,
  overrides: Partial<ComponentRegistryOptions> = {},
  env: NodeJS.ProcessEnv = process.env,
): ComponentRegistry {
  return new ComponentRegistry({
    builtins: overrides.builtins ?? loadBuiltins,
    discovery: overrides.discovery ?? (() => templatePlugins(templatePath, env)),
    starter: overrides.starter ?? hostPluginStarter(new PluginHost({ env })),
    ...(overrides.requiredPlugins ? { requiredPlugins: overrides.requiredPlugins } : {}),
  });
}
