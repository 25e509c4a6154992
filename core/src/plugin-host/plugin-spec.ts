import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How to start one plugin package. */
export interface PluginSpec {
  /** The npm package name, e.g. "@kiln/plugin-docker". */
  name: string;
  version: string;
  /** The executable, usually process.execPath (node). */
  command: string;
  /** e.g. ["/plugins/node_modules/@kiln/plugin-docker/dist/main.js"]. */
  args: string[];
  /** Extra environment for the plugin process. */
  env?: Record<string, string>;
}

/** The `kiln` field of a plugin package's package.json. */
export interface PluginManifest {
  protocol: number;
  main: string;
  components: Partial<Record<'builder' | 'provisioner' | 'post-processor' | 'data-source', string[]>>;
}

/** A plugin package's spec and its declared manifest. */
export interface LocalPluginPackage {
  spec: PluginSpec;
  manifest: PluginManifest;
  dir: string;
}

/**
 * Reads a plugin package directory (its package.json with a `kiln` field)
 * and returns how to start it with this node.
 */
export async function pluginFromPackageDir(dir: string): Promise<LocalPluginPackage> {
  const file = join(dir, 'package.json');
  let pkg: { name?: string; version?: string; kiln?: Partial<PluginManifest> };
  try {
    pkg = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: cannot read the plugin's package.json: ${(e as Error).message}`);
  }
  const kiln = pkg.kiln;
  if (!pkg.name || !pkg.version || !kiln || typeof kiln.main !== 'string') {
    throw new Error(
      `${file}: not a Kiln plugin package: it needs "name", "version" and a "kiln" field with "protocol", "main" and "components".`,
    );
  }
  return {
    dir,
    manifest: { protocol: kiln.protocol ?? 1, main: kiln.main, components: kiln.components ?? {} },
    spec: { name: pkg.name, version: pkg.version, ...mainCommand(join(dir, kiln.main)) },
  };
}

/**
 * How to run a plugin's main: JavaScript under this node, anything else
 * (a Python launcher, a Go binary) executed directly.
 */
export function mainCommand(main: string): { command: string; args: string[] } {
  return /\.(c|m)?js$/.test(main) ? { command: process.execPath, args: [main] } : { command: main, args: [] };
}
