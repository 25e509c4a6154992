import { Args, Command } from '@oclif/core';

/** `kiln plugins required`: the template's required plugins and whether each is installed. */
export default class PluginsRequired extends Command {
  static override summary = "List a template's required plugins and whether they are installed.";
  static override description =
    "Lists each entry of the template's required_plugins: its source, constraint, npm package, the version in the lock file, and whether that version is installed and intact. Exits 1 when any is missing (run `kiln init`).";
  static override examples = ['kiln plugins required .'];
  static override args = {
    template: Args.string({ required: true, description: 'Template file or directory.' }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(PluginsRequired);
    const { requiredPluginsOf } = await import('../../required-plugins.js');
    const { required } = await requiredPluginsOf(args.template);
    if (required.length === 0) {
      process.stdout.write('The template requires no plugins.\n');
      return;
    }
    const { requiredStatus } = await import('@kiln/core');
    const { plugins, errors } = requiredStatus(args.template, required);
    for (const p of plugins) {
      const r = p.requirement;
      const state = p.problem
        ? `${p.installed ? `installed ${p.installed}, ` : ''}${p.problem}`
        : `installed ${p.installed}`;
      process.stdout.write(
        `${r.localName}: ${r.source} "${r.constraint.packer}" -> ${r.packageName}: ${state}\n`,
      );
    }
    for (const e of errors) process.stdout.write(`${e}\n`);
    if (errors.length || plugins.some((p) => p.problem)) {
      process.stdout.write('Run `kiln init` on this template to install what is missing.\n');
      process.exitCode = 1;
    }
  }
}
