import type { ComponentKind } from '@kiln/plugin-sdk';

/** A plugin package that can serve components: from the workspace or an install receipt. */
export interface PluginPackage {
  /** The npm package name, e.g. "@kiln/plugin-docker". */
  name: string;
  version: string;
  /** Where the package is on disk. */
  dir: string;
  /** The entry point that serves the plugin (absolute). */
  main: string;
  protocol: number;
  components: Partial<Record<ComponentKind, string[]>>;
  /**
   * "workspace" for first-party packages in a clone, "installed" for
   * receipts, "packer" for Packer plugin binaries (served through the bridge).
   */
  origin: 'workspace' | 'installed' | 'packer';
}

/** A candidate that was looked at and not used, and why. */
export interface IgnoredPlugin {
  dir: string;
  name?: string;
  reason: string;
}

/** What plugin discovery found. */
export interface PluginDiscovery {
  plugins: PluginPackage[];
  ignored: IgnoredPlugin[];
}
