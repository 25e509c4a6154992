import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where plugins are installed: `$KILN_PLUGIN_PATH`, else
 * `$XDG_CONFIG_HOME/kiln/plugins`, else `~/.config/kiln/plugins`.
 */
export function pluginPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KILN_PLUGIN_PATH) return resolve(env.KILN_PLUGIN_PATH);
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(config, 'kiln', 'plugins');
}

/** The directory of one installed version: `<pluginPath>/<name>/<version>` (scoped names nest). */
export function versionDir(root: string, name: string, version: string): string {
  return join(root, ...name.split('/'), version);
}

/** The directory holding every installed version of a package. */
export function packageDir(root: string, name: string): string {
  return join(root, ...name.split('/'));
}
