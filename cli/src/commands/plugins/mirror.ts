import { Args, Command } from '@oclif/core';

/** `kiln plugins mirror`: writes what a template's plugins need for an offline `kiln init`. */
export default class PluginsMirror extends Command {
  static override summary = "Write a template's plugins to a directory for offline installs.";
  static override description =
    "Downloads the plugins the template requires (the locked versions when kiln.lock.json has them, else the newest compatible), verified against the registry's integrity, with their dependencies, into DIR with an index (kiln-mirror.json). On a machine without a registry, `kiln init -from-mirror DIR` (or KILN_PLUGIN_MIRROR=DIR) installs from it.";
  static override examples = ['kiln plugins mirror /media/plugins .'];
  static override args = {
    dir: Args.string({ required: true, description: 'The mirror directory (created when missing).' }),
    template: Args.string({ required: true, description: 'Template file or directory.' }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(PluginsMirror);
    const { requiredPluginsOf } = await import('../../required-plugins.js');
    const { required } = await requiredPluginsOf(args.template);
    if (required.length === 0) {
      process.stdout.write('The template requires no plugins: nothing to mirror.\n');
      return;
    }
    const { mirrorPlugins } = await import('@kiln/core');
    const { asUserError } = await import('../../install-errors.js');
    try {
      await mirrorPlugins({
        dir: args.dir,
        templatePath: args.template,
        required,
        onPlugin: (name, version, entry) =>
          process.stdout.write(
            `Mirrored ${name} v${version} (${entry.file}${entry.deps ? ` + ${entry.deps.file}` : ''})\n`,
          ),
      });
    } catch (error) {
      throw asUserError(error);
    }
  }
}
