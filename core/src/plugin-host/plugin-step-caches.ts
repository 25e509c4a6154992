import type { StepCacheStore } from '@kiln/plugin-sdk';
import type { PluginPackage } from '../components/plugin-package.js';
import type { PluginHost } from './plugin-host.js';
import { mainCommand } from './plugin-spec.js';

/** A plugin that serves the step cache. */
export interface PluginStepCache {
  /** The package name, e.g. "@kiln/plugin-docker". */
  plugin: string;
  store: StepCacheStore;
}

/**
 * Starts each plugin package that offers a builder (the first of each name)
 * and returns those that serve the optional step cache; `failed` says
 * which could not be asked and why.
 */
export async function pluginStepCaches(
  host: PluginHost,
  packages: PluginPackage[],
): Promise<{ plugins: PluginStepCache[]; failed: string[] }> {
  const seen = new Set<string>();
  const unique = packages.filter(
    (p) => (p.components.builder?.length ?? 0) > 0 && !seen.has(p.name) && seen.add(p.name),
  );
  const plugins: PluginStepCache[] = [];
  const failed: string[] = [];
  await Promise.all(
    unique.map(async (pkg) => {
      try {
        const remote = await host.start({ name: pkg.name, version: pkg.version, ...mainCommand(pkg.main) });
        if (remote.stepCache) plugins.push({ plugin: pkg.name, store: remote.stepCache });
      } catch (error) {
        failed.push(`${pkg.name}: ${(error as Error).message}`);
      }
    }),
  );
  plugins.sort((a, b) => a.plugin.localeCompare(b.plugin));
  return { plugins, failed };
}
