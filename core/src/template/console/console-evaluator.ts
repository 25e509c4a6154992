import type { LoadedConfig } from '../../config/model.js';
import type { TemplateDiagnostic } from '../../config/source-range.js';
import { hclConsole } from './hcl-console.js';
import { legacyConsole } from './legacy-console.js';

/** The file name console diagnostics point at. */
export const CONSOLE_INPUT = '<console-input>';

/** What one console line produced. */
export interface ConsoleResult {
  /** The text to print; absent when the line failed. */
  output?: string;
  diagnostics: TemplateDiagnostic[];
  /** The user asked to leave (`exit`). */
  exit?: boolean;
}

/** Evaluates console input lines against a loaded configuration. */
export interface ConsoleEvaluator {
  /** HCL2 expressions, or legacy JSON Go-template strings. */
  readonly mode: 'hcl2' | 'json';
  evaluate(line: string): ConsoleResult;
}

/** What a console without a template (or with one) is set up with. */
export interface ConsoleOptions {
  /** Without a configuration: which language to speak (Packer's default is json). */
  configType?: 'hcl2' | 'json';
  /** packer.version / {{packer_version}}. */
  version: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * A console for `config` (or an empty scope when there is none), speaking
 * the configuration's language: HCL2 expressions for HCL2 configurations,
 * Go templates (`{{user \`x\`}}`) for legacy JSON ones, as `packer console`.
 * The words `exit`, `help` and `variables` work in both.
 */
export async function consoleEvaluator(
  config: LoadedConfig | undefined,
  options: ConsoleOptions,
): Promise<ConsoleEvaluator> {
  const mode = config ? (config.format === 'hcl' ? 'hcl2' : 'json') : (options.configType ?? 'json');
  return mode === 'hcl2' ? hclConsole(config, options) : legacyConsole(config, options);
}
