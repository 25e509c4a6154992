import type { PluginStarter } from '@kiln/core';

/**
 * The plugin host as the registry's PluginStarter, when core provides one;
 * undefined otherwise (plugin packages are then listed but not started).
 */
export async function pluginStarter(): Promise<PluginStarter | undefined> {
  const core = (await import('@kiln/core')) as Record<string, unknown>;
  const create = core.createPluginStarter as (() => PluginStarter) | undefined;
  return create ? create() : undefined;
}
