import { Args, Command, Flags } from '@oclif/core';
import { templateFlags } from '../template-flags.js';

/** `kiln validate`: checks a template as `packer validate` does. */
export default class Validate extends Command {
  static override summary = 'Check that a template is valid.';
  static override description =
    'Loads the template, checks every component body against its schema and prepares every component, reporting all problems with their file:line:column. Exits 0 when the template is valid, 1 otherwise.';
  static override examples = ['kiln validate template.pkr.hcl', 'kiln validate -syntax-only template.json'];
  static override args = {
    template: Args.string({ required: true, description: 'Template file or directory.' }),
  };
  static override flags = {
    ...templateFlags,
    'syntax-only': Flags.boolean({ description: 'Only check syntax. Do not verify config of the template.' }),
    'machine-readable': Flags.boolean({ description: 'Produce machine-readable output.' }),
    'evaluate-datasources': Flags.boolean({
      description: 'Evaluate data sources during validation (HCL2 only, may incur costs).',
    }),
    'use-sequential-evaluation': Flags.boolean({
      description: 'Fallback to using a sequential approach for local/datasource evaluation.',
    }),
    'no-warn-undeclared-var': Flags.boolean({
      description: 'Disable warnings for user variable files containing undeclared variables.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Validate);
    const { openRun } = await import('@kiln/core');
    const { runOptions } = await import('../run-options.js');
    const { printWarnings } = await import('../print-warnings.js');
    const syntaxOnly = flags['syntax-only'];
    await using run = await openRun(args.template, {
      ...runOptions(flags),
      syntaxOnly,
      warnOnUndeclaredVar: !flags['no-warn-undeclared-var'],
      evaluateDataSources: flags['evaluate-datasources'] === true,
      sequential: flags['use-sequential-evaluation'] === true,
    });
    if (syntaxOnly) {
      await printWarnings(run.config);
      process.stdout.write('Syntax-only check passed. Everything looks okay.\n');
      return;
    }
    await printWarnings(run.config, await run.validate());
    process.stdout.write('The configuration is valid.\n');
  }
}
