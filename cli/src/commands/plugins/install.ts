import { Args, Command, Flags } from '@oclif/core';
import { UserError } from '../../user-error.js';

/** `kiln plugins install`: installs one plugin from the registry, or a local package for development. */
export default class PluginsInstall extends Command {
  static override summary = 'Install a plugin from the npm registry, a directory or a tarball.';
  static override description =
    'Installs the newest version of SOURCE that satisfies VERSION (Packer constraint syntax, e.g. ">= 1.0" or "~> 1.2") and speaks this kiln\'s plugin protocol, into $KILN_PLUGIN_PATH. SOURCE is a required_plugins source (github.com/hashicorp/docker) or npm:<package>. With -path, installs a plugin package directory (with a package.json "kiln" field) or an `npm pack` tarball, for development. No lock file is written; use `kiln init` for templates.';
  static override examples = [
    'kiln plugins install github.com/hashicorp/docker',
    'kiln plugins install npm:@acme/kiln-plugin-foo "~> 1.2"',
    'kiln plugins install -path ./plugins/docker',
    'kiln plugins install -path acme-kiln-plugin-foo-1.2.0.tgz',
  ];
  static override args = {
    source: Args.string({ description: 'Plugin source (github.com/<owner>/<name> or npm:<package>).' }),
    version: Args.string({
      description: 'Version constraint (Packer syntax); default: the newest compatible.',
    }),
  };
  static override flags = {
    path: Flags.string({
      helpValue: 'DIR|TGZ',
      description: 'Install a local plugin package directory or npm pack tarball.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginsInstall);
    if (!flags.path && !args.source)
      throw new UserError('kiln plugins install needs a SOURCE, or -path DIR|TGZ.', {
        suggestions: ['Example: kiln plugins install github.com/hashicorp/docker ">= 0.1"'],
      });
    if (flags.path && args.source) throw new UserError('give either a SOURCE or -path, not both.');
    const core = await import('@kiln/core');
    const { asUserError } = await import('../../install-errors.js');
    try {
      const out = flags.path
        ? await core.installPath(flags.path)
        : await core.installSource(args.source!, args.version);
      const what = flags.path ? out.receipt.name : args.source;
      process.stdout.write(
        out.installed
          ? `Installed plugin ${what} v${out.receipt.version} in "${out.dir}"\n`
          : `Plugin ${what} v${out.receipt.version} is already installed in "${out.dir}"\n`,
      );
    } catch (error) {
      throw asUserError(error);
    }
  }
}
