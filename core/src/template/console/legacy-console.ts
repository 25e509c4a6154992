import type { LoadedConfig } from '../../config/model.js';
import { sourceCache } from '../../diagnostics/source-cache.js';
import { GoTemplateError, renderGoTemplate } from '../legacy/gotemplate/evaluate.js';
import { legacyFunctions } from '../legacy/gotemplate/functions.js';
import {
  CONSOLE_INPUT,
  type ConsoleEvaluator,
  type ConsoleOptions,
  type ConsoleResult,
} from './console-evaluator.js';

const HELP = `Kiln console, legacy JSON mode.
Type a Go-template interpolation and press <enter> to see what it renders
to, e.g. "{{user \`name\`}}", "{{timestamp}}" or "{{upper \`text\`}}". User
variables come from the template, -var and -var-file.

"variables" lists the user variables with their values.
"exit" (or Control-D, or Control-C on an empty line) leaves the console.

To use HCL2 expressions without a template, start the console with
-config-type=hcl2.`;

/** `.Field` references have no data in the console: they render as Go's "<no value>". */
const NO_FIELDS = new Proxy({}, { has: () => true, get: () => undefined });

/**
 * A console rendering Go-template strings with the template's user
 * variables (sensitive ones shown as `<sensitive>`), as `packer console`
 * does for a legacy JSON template.
 */
export function legacyConsole(config: LoadedConfig | undefined, options: ConsoleOptions): ConsoleEvaluator {
  const userVars = new Map<string, string>();
  for (const v of config?.variables ?? []) userVars.set(v.name, userValue(v.display));
  const funcs = legacyFunctions({
    userVars,
    templateDir: config?.rootDir ?? options.cwd,
    pwd: options.cwd,
    initTime: new Date(),
    version: options.version,
  });
  return {
    mode: 'json',
    evaluate(line: string): ConsoleResult {
      const text = line.trim();
      if (text === 'exit') return { exit: true, diagnostics: [] };
      if (text === 'help') return { output: HELP, diagnostics: [] };
      if (text === 'variables') {
        const names = [...userVars.keys()].sort();
        return { output: `\n${names.map((n) => `${n}: ${userVars.get(n)},\n`).join('')}`, diagnostics: [] };
      }
      try {
        return { output: renderGoTemplate(text, { funcs, fields: NO_FIELDS }), diagnostics: [] };
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw e;
        sourceCache.set(CONSOLE_INPUT, text);
        const start = { line: 1, column: e.offset + 1, byte: Buffer.byteLength(text.slice(0, e.offset)) };
        return {
          diagnostics: [
            {
              severity: 'error',
              summary: 'Interpolation error',
              detail: e.message,
              range: { filename: CONSOLE_INPUT, start, end: start },
            },
          ],
        };
      }
    },
  };
}

/** The loader shows a legacy variable's value JSON-quoted, `<sensitive>` or `<required>`. */
function userValue(display: string): string {
  if (display === '<required>') return '';
  if (!display.startsWith('"')) return display;
  try {
    return String(JSON.parse(display));
  } catch {
    return display;
  }
}
