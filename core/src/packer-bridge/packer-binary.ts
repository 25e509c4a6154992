import type { PackerPluginDescription } from './describe.js';

/** A Packer plugin binary Kiln can start, and what it serves. */
export interface PackerBinary {
  /** Its source address ("github.com/hashicorp/qemu"), or its path when installed without one. */
  source: string;
  /** The plugin name, from `packer-plugin-NAME`: the prefix of its component types. */
  pluginName: string;
  version: string;
  /** Absolute path of the executable. */
  path: string;
  description: PackerPluginDescription;
}
