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
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Validate);
    const { loadTemplate, openRegistry, printWarnings } = await import('../load-template.js');
    const registry = await openRegistry();
    try {
      const syntaxOnly = flags['syntax-only'];
      const config = await loadTemplate(args.template, flags, registry, syntaxOnly);
      if (syntaxOnly) {
        await printWarnings(config);
        process.stdout.write('Syntax-only check passed. Everything looks okay.\n');
        return;
      }
      const { prepareBuilds } = await import('@kiln/core');
      const prepared = await prepareBuilds(config.builds, registry, {
        runId: 'validate',
        debug: false,
        force: false,
        onError: 'cleanup',
        templateDir: config.rootDir,
        userVariables: {},
      });
      await printWarnings(config, prepared.warnings);
      process.stdout.write('The configuration is valid.\n');
    } finally {
      await registry.shutdown();
    }
  }
}
