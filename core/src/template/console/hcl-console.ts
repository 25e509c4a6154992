import type { LoadedConfig } from '../../config/model.js';
import { sourceCache } from '../../diagnostics/source-cache.js';
import { configFunctions } from '../hcl/config/functions.js';
import { configScope } from '../hcl/config/scope.js';
import { printable } from '../hcl/eval/console-format.js';
import { evaluate } from '../hcl/eval/evaluate.js';
import { parseExpression } from '../hcl/eval/parse-expression.js';
import type { EvalScope } from '../hcl/eval/scope.js';
import type { Value } from '../hcl/eval/value.js';
import { containsSensitive } from '../hcl/eval/value-marks.js';
import { initHclParser } from '../hcl/syntax/parse.js';
import { variablesText } from '../load/inspect-hcl.js';
import {
  CONSOLE_INPUT,
  type ConsoleEvaluator,
  type ConsoleOptions,
  type ConsoleResult,
} from './console-evaluator.js';
import { incompleteInputError } from './incomplete-input.js';

const HELP = `Kiln console, HCL2 mode.
Type an HCL2 expression and press <enter> to see its value. Expressions see
the configuration's input variables (var.NAME), local values (local.NAME),
path.root, path.cwd, packer.version and every function.

"variables" lists the input variables and local values with their values.
"exit" (or Control-D, or Control-C on an empty line) leaves the console.

Go-template interpolations such as "{{timestamp}}" are not HCL2: use
timestamp() instead.`;

/** A console evaluating HCL2 expressions in the configuration's scope. */
export async function hclConsole(
  config: LoadedConfig | undefined,
  options: ConsoleOptions,
): Promise<ConsoleEvaluator> {
  await initHclParser();
  const scope: EvalScope =
    config?.scope ??
    configScope({
      vars: new Map(),
      locals: new Map(),
      rootDir: config?.rootDir ?? '',
      cwd: options.cwd,
      version: options.version,
      functions: configFunctions(options.env, 'config'),
    });
  const mask = config?.maskSensitive ?? ((t: string) => t);
  // As Packer: the value printed, then every sensitive value in it masked;
  // a sensitive value none of whose text is a secret (upper(var.password))
  // is masked whole, where Packer would print it.
  const shown = (v: Value) => {
    const text = printable(v);
    const masked = mask(text);
    return masked === text && containsSensitive(v) ? '<sensitive>' : masked;
  };
  return {
    mode: 'hcl2',
    evaluate(line: string): ConsoleResult {
      const text = line.trim();
      if (text === '') return { output: '', diagnostics: [] };
      if (text === 'exit') return { exit: true, diagnostics: [] };
      if (text === 'help') return { output: HELP, diagnostics: [] };
      if (text === 'variables') {
        const listed = variablesText(scope);
        return { output: config?.maskSensitive ? config.maskSensitive(listed) : listed, diagnostics: [] };
      }
      sourceCache.set(CONSOLE_INPUT, text);
      const parsed = parseExpression(text, CONSOLE_INPUT);
      const syntax = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (syntax.length > 0) return { diagnostics: [incompleteInputError(text, syntax[0]!)] };
      const r = evaluate(parsed.expr, scope);
      if (r.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: r.diagnostics };
      return { output: shown(r.value), diagnostics: r.diagnostics };
    },
  };
}
