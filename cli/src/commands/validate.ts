import type { BuildContext, DataSource } from '@kiln/plugin-sdk';
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
    'no-warn-undeclared-var': Flags.boolean({
      description: 'Disable warnings for user variable files containing undeclared variables.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Validate);
    const { loadTemplate, openRegistry, printWarnings } = await import('../load-template.js');
    const registry = await openRegistry();
    try {
      const syntaxOnly = flags['syntax-only'];
      const { dataSourceExecutor, templateDir } = await import('@kiln/core');
      const config = await loadTemplate(args.template, flags, registry, syntaxOnly, {
        warnOnUndeclaredVar: !flags['no-warn-undeclared-var'],
        ...(flags['evaluate-datasources']
          ? {
              executeDataSource: dataSourceExecutor(
                (type, range) => registry.get('data-source', type, range) as Promise<DataSource>,
                validateContext(templateDir(args.template)),
                new AbortController().signal,
              ),
            }
          : {}),
      });
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

function validateContext(templateDir: string): BuildContext {
  return {
    runId: 'validate',
    buildName: '',
    builderType: '',
    debug: false,
    force: false,
    onError: 'cleanup',
    templateDir,
    userVariables: {},
  };
}
