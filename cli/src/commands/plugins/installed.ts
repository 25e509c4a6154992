import { Command } from '@oclif/core';

/** `kiln plugins installed`: the plugin packages kiln can use here, and why others were ignored. */
export default class PluginsInstalled extends Command {
  static override summary = 'List the plugins kiln can use.';
  static override description =
    'Lists the plugin packages available to builds: installed plugins (from the install receipts in $KILN_PLUGIN_PATH, their files checked against the hashes recorded at install) and the first-party packages of a repository clone, with the components each offers. Candidates that cannot be used are listed with the reason: a bad receipt, an incompatible plugin protocol, modified files.';
  static override examples = ['kiln plugins installed'];

  async run(): Promise<void> {
    const { installedPlugins, workspacePlugins } = await import('@kiln/core');
    const installed = installedPlugins(undefined, true);
    const workspace = workspacePlugins();
    const plugins = [...installed.plugins, ...workspace.plugins];
    if (plugins.length === 0) process.stdout.write('No plugins are installed.\n');
    for (const p of plugins) {
      process.stdout.write(`${p.name} ${p.version} (${p.origin}: ${p.dir})\n`);
      for (const [kind, types] of Object.entries(p.components)) {
        if (types.length) process.stdout.write(`  ${kind}: ${types.join(', ')}\n`);
      }
    }
    for (const i of [...installed.ignored, ...workspace.ignored]) {
      process.stdout.write(`ignored ${i.name ?? i.dir}: ${i.reason}\n`);
    }
  }
}
