import { Args, Command } from '@oclif/core';

/** `kiln plugins remove`: removes installed plugin versions. */
export default class PluginsRemove extends Command {
  static override summary = 'Remove an installed plugin.';
  static override description =
    'Removes VERSION of the plugin SOURCE (a required_plugins source, npm:<package> or the package name) from $KILN_PLUGIN_PATH, or every installed version when VERSION is not given.';
  static override examples = [
    'kiln plugins remove github.com/hashicorp/docker',
    'kiln plugins remove github.com/hashicorp/docker 0.1.0',
    'kiln plugins remove @acme/kiln-plugin-foo',
  ];
  static override args = {
    source: Args.string({ required: true, description: 'Plugin source or package name.' }),
    version: Args.string({ description: 'The version to remove (default: all).' }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(PluginsRemove);
    const { removeInstalled } = await import('@kiln/core');
    const { asUserError } = await import('../../install-errors.js');
    try {
      for (const dir of await removeInstalled(args.source, args.version))
        process.stdout.write(`Removed ${dir}\n`);
    } catch (error) {
      throw asUserError(error);
    }
  }
}
