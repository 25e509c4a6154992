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
    'use-sequential-evaluation': Flags.boolean({
      description: 'Accepted for Packer compatibility: locals are always evaluated in a fixed order.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Inspect);
    const { openRun, inspectText } = await import('@kiln/core');
    const { runOptions } = await import('../run-options.js');
    await using run = await openRun(args.template, { ...runOptions(flags), syntaxOnly: true, partial: true });
    let json: string | undefined;
    if (run.config.format === 'json') {
      const { readFile } = await import('node:fs/promises');
      json = await readFile(args.template, 'utf8');
    }
    process.stdout.write(
      inspectText(run.config, json, { machineReadable: flags['machine-readable'] === true }),
    );
  }
}
