import type { LeftoverFinder } from '@kiln/plugin-sdk';
import type { PluginPackage } from '../components/plugin-package.js';
import type { PluginHost } from './plugin-host.js';
import { mainCommand } from './plugin-spec.js';

/** A plugin that serves the leftovers service. */
export interface PluginLeftovers {
  /** The package name, e.g. "@kiln/plugin-docker". */
  plugin: string;
  finder: LeftoverFinder;
}

/**
 * Starts each plugin package (the first of each name) and returns those
 * that serve the optional leftovers service; `failed` says which could not
 * be asked and why.
 */
export async function pluginLeftovers(
  host: PluginHost,
  packages: PluginPackage[],
): Promise<{ plugins: PluginLeftovers[]; failed: string[] }> {
  const seen = new Set<string>();
  const unique = packages.filter((p) => !seen.has(p.name) && seen.add(p.name));
  const plugins: PluginLeftovers[] = [];
  const failed: string[] = [];
  await Promise.all(
    unique.map(async (pkg) => {
      try {
        const remote = await host.start({ name: pkg.name, version: pkg.version, ...mainCommand(pkg.main) });
        if (remote.leftovers) plugins.push({ plugin: pkg.name, finder: remote.leftovers });
      } catch (error) {
        failed.push(`${pkg.name}: ${(error as Error).message}`);
      }
    }),
  );
  plugins.sort((a, b) => a.plugin.localeCompare(b.plugin));
  return { plugins, failed };
}
