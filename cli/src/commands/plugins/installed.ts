import { Command } from '@oclif/core';

/** `kiln plugins installed`: the plugin packages kiln can use here, and why others were ignored. */
export default class PluginsInstalled extends Command {
  static override summary = 'List the plugins kiln can use.';
  static override description =
    'Lists the plugin packages available to builds: the first-party packages of a repository clone and installed plugins, with the components each offers. Candidates that cannot be used are listed with the reason.';
  static override examples = ['kiln plugins installed'];

  async run(): Promise<void> {
    const { workspacePlugins } = await import('@kiln/core');
    const { plugins, ignored } = workspacePlugins();
    if (plugins.length === 0) process.stdout.write('No plugins are installed.\n');
    for (const p of plugins) {
      process.stdout.write(`${p.name} ${p.version} (${p.origin}: ${p.dir})\n`);
      for (const [kind, types] of Object.entries(p.components)) {
        if (types.length) process.stdout.write(`  ${kind}: ${types.join(', ')}\n`);
      }
    }
    for (const i of ignored) {
      process.stdout.write(`ignored ${i.name ?? i.dir}: ${i.reason}\n`);
    }
  }
}
