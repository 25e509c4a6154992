import type { ConsoleEvaluator, ConsoleResult } from '@kiln/core';
import { Args, Command, Flags } from '@oclif/core';
import { templateFlags } from '../template-flags.js';
import { UserError } from '../user-error.js';

/** `kiln console`: evaluates expressions against a template, as `packer console`. */
export default class Console extends Command {
  static override summary = 'Evaluate expressions against a template.';
  static override description =
    'Loads the template, if one is given, and evaluates expressions in its scope: HCL2 expressions (var.NAME, local.NAME, path.root, functions) for an HCL2 template, Go-template interpolations ({{user `NAME`}}, {{timestamp}}) for a legacy JSON one. With a terminal on stdin it prompts with "> "; with piped input it evaluates one expression per line and prints each value. "help", "variables" and "exit" are understood. Exits 1 when an expression failed.';
  static override examples = [
    'kiln console template.pkr.hcl',
    "echo 'upper(var.region)' | kiln console -var region=eu-west-1 template.pkr.hcl",
    "echo '{{user `name`}}' | kiln console template.json",
    'kiln console -config-type=hcl2',
  ];
  static override args = {
    template: Args.string({
      required: false,
      ignoreStdin: true,
      description: 'Template file or directory (optional).',
    }),
  };
  static override flags = {
    var: templateFlags.var,
    'var-file': templateFlags['var-file'],
    'use-sequential-evaluation': Flags.boolean({
      description: 'Accepted for Packer compatibility: locals are always evaluated in a fixed order.',
    }),
    'config-type': Flags.string({
      options: ['hcl2', 'json'],
      description:
        'Without a template: evaluate HCL2 expressions (hcl2) or Go templates (json, the default).',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Console);
    const core = await import('@kiln/core');
    const { runOptions } = await import('../run-options.js');
    if (args.template === undefined && ((flags.var?.length ?? 0) > 0 || (flags['var-file']?.length ?? 0) > 0))
      throw new UserError('-var and -var-file need a template', {
        suggestions: ['Give the template path after the flags: kiln console -var x=1 template.pkr.hcl'],
      });
    const config =
      args.template === undefined
        ? undefined
        : await core.loadConfig(args.template, { ...runOptions(flags), syntaxOnly: true, partial: true });
    const evaluator = await core.consoleEvaluator(config, {
      ...(flags['config-type'] ? { configType: flags['config-type'] as 'hcl2' | 'json' } : {}),
      version: core.TEMPLATE_LANGUAGE_VERSION,
      env: process.env,
      cwd: process.cwd(),
    });
    const print = printer(core.renderDiagnostics);
    const failed = process.stdin.isTTY ? await interactive(evaluator, print) : await piped(evaluator, print);
    if (failed) process.exitCode = 1;
  }
}

type Print = (r: ConsoleResult) => boolean;

/** Writes a result; true when it carried an error. */
function printer(render: typeof import('@kiln/core').renderDiagnostics): Print {
  const color = process.stderr.isTTY === true && !process.env.NO_COLOR;
  return (r) => {
    if (r.diagnostics.length > 0) process.stderr.write(render(r.diagnostics, { color }));
    if (r.output !== undefined) process.stdout.write(`${r.output}\n`);
    return r.diagnostics.some((d) => d.severity === 'error');
  };
}

/** One expression per line, each value printed, no prompt. */
async function piped(evaluator: ConsoleEvaluator, print: Print): Promise<boolean> {
  const { createInterface } = await import('node:readline');
  let failed = false;
  for await (const line of createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity })) {
    const r = evaluator.evaluate(line);
    if (r.exit) break;
    failed = print(r) || failed;
  }
  return failed;
}

/**
 * A `> ` prompt with line editing and history; errors are shown and the
 * console goes on. Leaving it is a success whatever was typed.
 */
async function interactive(evaluator: ConsoleEvaluator, print: Print): Promise<boolean> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: '> ',
    historySize: 500,
  });
  await new Promise<void>((done) => {
    rl.on('line', (line) => {
      const r = evaluator.evaluate(line);
      if (r.exit) {
        rl.close();
        return;
      }
      print(r);
      rl.prompt();
    });
    rl.on('SIGINT', () => {
      if (rl.line === '') rl.close();
      else {
        rl.write(null, { ctrl: true, name: 'u' });
        process.stdout.write('^C\n');
        rl.prompt();
      }
    });
    rl.on('close', () => done());
    rl.prompt();
  });
  return false;
}
