import type { PluginStarter } from '@kiln/core';

/**
 * The registry's PluginStarter: a PluginHost for this run. Plugin processes
 * are started lazily, only for the component types a template uses.
 */
export async function pluginStarter(): Promise<PluginStarter> {
  const { PluginHost, hostPluginStarter } = await import('@kiln/core');
  return hostPluginStarter(new PluginHost());
}
