import type { PluginStarter } from '../components/registry.js';
import type { PluginHost } from './plugin-host.js';
import { mainCommand } from './plugin-spec.js';

/** The component registry's PluginStarter, backed by a PluginHost. */
export function hostPluginStarter(host: PluginHost): PluginStarter {
  return {
    async start(pkg) {
      const remote = await host.start({ name: pkg.name, version: pkg.version, ...mainCommand(pkg.main) });
      return remote.componentSet();
    },
    shutdown: (force) => host.shutdown(force ? 0 : undefined),
  };
}
