import { Args, Command, Flags } from '@oclif/core';
import { UserError } from '../user-error.js';

/** `kiln hcl2_upgrade`: converts a legacy JSON template to HCL2, as `packer hcl2_upgrade`. */
export default class Hcl2Upgrade extends Command {
  static override summary = 'Transform a JSON template into an HCL2 configuration.';
  static override description =
    'Writes FILE.json.pkr.hcl (or -output-file): a packer block with required_plugins, the variables (computed ones as locals), one source per builder named after its build, and a build block with the provisioners and post-processor chains. Go-template calls become HCL2 expressions ({{user `x`}} -> var.x, {{timestamp}} -> local.timestamp, {{isotime "2006-01-02"}} -> formatdate(...)); plugin-time fields such as {{ .HTTPIP }} stay in the strings. Calls without an HCL2 equivalent are kept as written and listed.';
  static override examples = [
    'kiln hcl2_upgrade template.json',
    'kiln hcl2_upgrade -with-annotations -output-file=template.pkr.hcl template.json',
  ];
  static override args = {
    template: Args.string({ required: true, ignoreStdin: true, description: 'The legacy JSON template.' }),
  };
  static override flags = {
    'output-file': Flags.string({
      helpValue: 'path',
      description:
        'Where to write the HCL2 configuration (default: TEMPLATE.pkr.hcl). Kiln and Packer read only files ending in .pkr.hcl.',
    }),
    'with-annotations': Flags.boolean({
      description: 'Explain each section of the generated file with comments.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Hcl2Upgrade);
    const { mkdir, readFile, writeFile } = await import('node:fs/promises');
    const { dirname } = await import('node:path');
    const core = await import('@kiln/core');
    if (core.detectFormat(args.template) !== 'json')
      throw new UserError(`${args.template} is not a legacy JSON template`, {
        suggestions: ['hcl2_upgrade converts .json templates; HCL2 files need no upgrade.'],
      });
    let text: string;
    try {
      text = await readFile(args.template, 'utf8');
    } catch (e) {
      throw new UserError(`Failed to read ${args.template}: ${(e as Error).message}`);
    }
    core.sourceCache.set(args.template, text);
    const output = flags['output-file'] ?? `${args.template}.pkr.hcl`;
    const registry = core.runRegistry(undefined);
    let result: Awaited<ReturnType<typeof core.upgradeTemplate>>;
    try {
      result = await core.upgradeTemplate({
        file: args.template,
        text,
        withAnnotations: flags['with-annotations'],
        schemaFor: (kind, type) => registry.schemaFor(kind, type),
        pluginVersion: `>= ${this.config.version}`,
      });
    } finally {
      await registry.shutdown();
    }
    if (result.diagnostics.length > 0) throw new core.TemplateError(result.diagnostics);
    for (const w of result.warnings) process.stderr.write(`Warning: ${w}\n`);
    try {
      await mkdir(dirname(output), { recursive: true });
      await writeFile(output, result.output);
    } catch (e) {
      throw new UserError(`Failed to write ${output}: ${(e as Error).message}`);
    }
    process.stdout.write(`Successfully created ${output}\n`);
  }
}
