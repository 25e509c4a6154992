import type { PluginStarter } from '../components/registry.js';
import { packerComponent, packerComponentSet } from '../packer-bridge/component-set.js';
import { isPackerPackage } from '../packer-bridge/install/discover.js';
import { disposeAllPackerProcesses } from '../packer-bridge/plugin-process.js';
import type { PluginHost } from './plugin-host.js';
import { mainCommand } from './plugin-spec.js';

/**
 * How long a graceful stop lets plugins finish the cleanups of cancelled
 * calls (terminating a cloud instance can take minutes); KILN_CLEANUP_TIMEOUT
 * (seconds) overrides it. A second Ctrl-C stops them at once.
 */
export function cleanupGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.KILN_CLEANUP_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 10 * 60_000;
}

/** The component registry's PluginStarter, backed by a PluginHost. */
export function hostPluginStarter(host: PluginHost): PluginStarter {
  return {
    component: (pkg, kind, type) =>
      isPackerPackage(pkg) ? packerComponent(pkg.packer, kind, type) : undefined,
    async start(pkg) {
      if (isPackerPackage(pkg)) return packerComponentSet(pkg.packer);
      const remote = await host.start({ name: pkg.name, version: pkg.version, ...mainCommand(pkg.main) });
      return remote.componentSet();
    },
    shutdown: async (force) => {
      await Promise.all([
        host.shutdown(force ? 0 : cleanupGraceMs()),
        disposeAllPackerProcesses(force ? 0 : cleanupGraceMs()),
      ]);
    },
  };
}
