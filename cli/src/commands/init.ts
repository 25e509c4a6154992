import { Args, Command, Flags } from '@oclif/core';

/** `kiln init`: installs the template's required plugins, as `packer init`. */
export default class Init extends Command {
  static override summary = 'Install missing plugins or upgrade plugins.';
  static override description =
    "Installs the plugins named by the template's packer { required_plugins } from the npm registry that npm's configuration (.npmrc) names, into $KILN_PLUGIN_PATH (default ~/.config/kiln/plugins), and records each exact version and integrity in kiln.lock.json beside the template. With a lock file, exactly the locked versions are installed; -upgrade chooses the newest versions the constraints allow and moves the lock. -from-mirror (or KILN_PLUGIN_MIRROR) installs from a directory written by `kiln plugins mirror`, with no registry.";
  static override examples = [
    'kiln init .',
    'kiln init -upgrade template.pkr.hcl',
    'kiln init -from-mirror /media/plugins .',
  ];
  static override args = {
    template: Args.string({ required: true, description: 'Template file or directory.' }),
  };
  static override flags = {
    upgrade: Flags.boolean({
      description: 'Upgrade plugins to the newest versions the constraints allow, and update the lock file.',
    }),
    'from-mirror': Flags.string({
      helpValue: 'DIR',
      env: 'KILN_PLUGIN_MIRROR',
      description:
        'Install from a mirror directory written by `kiln plugins mirror` instead of the registry.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Init);
    if (!flags.upgrade && !flags['from-mirror']) {
      const { initUpToDate } = await import('@kiln/core/init-check');
      if (initUpToDate(args.template)) return;
    }
    const { requiredPluginsOf } = await import('../required-plugins.js');
    const loaded = await requiredPluginsOf(args.template);
    if (loaded.format === 'json') {
      process.stdout.write(
        'Legacy JSON templates have no required_plugins: they use the plugins that are installed (see `kiln plugins install`).\n',
      );
      return;
    }
    if (loaded.required.length === 0) {
      process.stdout.write(
        'No plugins requirement found, make sure you reference a Kiln or Packer config containing a packer.required_plugins block.\n',
      );
      return;
    }
    const { initPlugins } = await import('@kiln/core');
    const { asUserError } = await import('../install-errors.js');
    try {
      await initPlugins({
        templatePath: args.template,
        required: loaded.required,
        upgrade: flags.upgrade,
        ...(flags['from-mirror'] ? { mirror: flags['from-mirror'] } : {}),
        onPlugin: (p) => {
          if (p.installed)
            process.stdout.write(`Installed plugin ${p.requirement.source} v${p.version} in "${p.dir}"\n`);
        },
      });
    } catch (error) {
      throw asUserError(error);
    }
  }
}
