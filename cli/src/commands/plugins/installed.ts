import { Command } from '@oclif/core';

/** `kiln plugins installed`: the plugin packages kiln can use here, and why others were ignored. */
export default class PluginsInstalled extends Command {
  static override summary = 'List the plugins kiln can use.';
  static override description =
    "Lists the plugin packages available to builds: installed plugins (from the install receipts in $KILN_PLUGIN_PATH, their files checked against the hashes recorded at install) and the first-party packages of a repository clone, with the components each offers. Packer plugin binaries (packer-plugin-NAME in $KILN_PLUGIN_PATH/packer and Packer's own plugin directory) are listed too; a type both an npm plugin and a Packer binary serve is served by the npm plugin, and the listing says so. Candidates that cannot be used are listed with the reason: a bad receipt, an incompatible plugin protocol, modified files, a checksum mismatch.";
  static override examples = ['kiln plugins installed'];

  async run(): Promise<void> {
    const { installedPlugins, workspacePlugins, packerPlugins } = await import('@kiln/core');
    const installed = installedPlugins(undefined, true);
    const workspace = workspacePlugins();
    const packer = packerPlugins();
    const npm = [...installed.plugins, ...workspace.plugins];
    const plugins = [...npm, ...packer.plugins];
    if (plugins.length === 0) process.stdout.write('No plugins are installed.\n');
    for (const p of plugins) {
      const where = p.origin === 'packer' ? `Packer plugin binary: ${p.main}` : `${p.origin}: ${p.dir}`;
      process.stdout.write(`${p.name} ${p.version} (${where})\n`);
      for (const [kind, types] of Object.entries(p.components)) {
        if (!types.length) continue;
        const shown = types.map((t) => {
          if (p.origin !== 'packer') return t;
          const first = npm.find((n) => n.components[kind as keyof typeof n.components]?.includes(t));
          return first ? `${t} (not used: ${first.name} serves it; npm plugins come first)` : t;
        });
        process.stdout.write(`  ${kind}: ${shown.join(', ')}\n`);
      }
    }
    for (const i of [...installed.ignored, ...workspace.ignored, ...packer.ignored]) {
      process.stdout.write(`ignored ${i.name ?? i.dir}: ${i.reason}\n`);
    }
  }
}
