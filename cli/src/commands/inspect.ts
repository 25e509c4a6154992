import { Args, Command, Flags } from '@oclif/core';
import { templateFlags } from '../template-flags.js';

/** `kiln inspect`: shows a template's variables, builds and components, as `packer inspect`. */
export default class Inspect extends Command {
  static override summary = 'See components of a template.';
  static override examples = ['kiln inspect template.pkr.hcl', 'kiln inspect template.json'];
  static override args = {
    template: Args.string({ required: true, description: 'Template file or directory.' }),
  };
  static override flags = {
    var: templateFlags.var,
    'var-file': templateFlags['var-file'],
    'machine-readable': Flags.boolean({ description: 'Produce machine-readable output.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Inspect);
    const { openRun } = await import('@kiln/core');
    const { runOptions } = await import('../run-options.js');
    const { inspectHcl, inspectJson } = await import('../inspect-format.js');
    await using run = await openRun(args.template, { ...runOptions(flags), syntaxOnly: true });
    process.stdout.write(run.config.format === 'json' ? inspectJson(run.config) : inspectHcl(run.config));
  }
}
