import { Args, Command, Flags } from '@oclif/core';
import { UserError } from '../../user-error.js';

/** `kiln plugins install`: installs one plugin from the registry, or a local package for development. */
export default class PluginsInstall extends Command {
  static override summary = 'Install a plugin from the npm registry, a directory or a tarball.';
  static override description =
    'Installs the newest version of SOURCE that satisfies VERSION (Packer constraint syntax, e.g. ">= 1.0" or "~> 1.2") and speaks this kiln\'s plugin protocol, into $KILN_PLUGIN_PATH. SOURCE is a required_plugins source (github.com/hashicorp/docker) or npm:<package>. With -path, installs a plugin package directory (with a package.json "kiln" field) or an `npm pack` tarball, for development; or, with -path BINARY SOURCE, a Packer plugin binary (packer-plugin-NAME, as `packer plugins install --path`), served through the Packer plugin bridge. No lock file is written; use `kiln init` for templates.';
  static override examples = [
    'kiln plugins install github.com/hashicorp/docker',
    'kiln plugins install npm:@acme/kiln-plugin-foo "~> 1.2"',
    'kiln plugins install -path ./plugins/docker',
    'kiln plugins install -path acme-kiln-plugin-foo-1.2.0.tgz',
    'kiln plugins install -path ./packer-plugin-qemu github.com/hashicorp/qemu',
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
      description: 'Install a local plugin package directory, npm pack tarball, or Packer plugin binary.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginsInstall);
    if (!flags.path && !args.source)
      throw new UserError('kiln plugins install needs a SOURCE, or -path DIR|TGZ.', {
        suggestions: ['Example: kiln plugins install github.com/hashicorp/docker ">= 0.1"'],
      });
    const core = await import('@kiln/core');
    const { asUserError } = await import('../../install-errors.js');
    if (flags.path && core.looksExecutable(flags.path)) {
      if (!args.source)
        throw new UserError(
          `-path ${flags.path} is a Packer plugin binary: give the SOURCE it installs as.`,
          {
            suggestions: [`Example: kiln plugins install -path ${flags.path} github.com/hashicorp/qemu`],
          },
        );
      if (args.version)
        throw new UserError('a VERSION cannot be given with -path BINARY: the binary says its own.');
      try {
        const out = await core.installPackerBinaryPath(flags.path, args.source);
        process.stdout.write(
          out.installed
            ? `Installed Packer plugin ${out.source} v${out.version} in "${out.path}"\n`
            : `Packer plugin ${out.source} v${out.version} is already installed in "${out.path}"\n`,
        );
      } catch (error) {
        throw new UserError((error as Error).message);
      }
      return;
    }
    if (flags.path && args.source) throw new UserError('give either a SOURCE or -path, not both.');
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
