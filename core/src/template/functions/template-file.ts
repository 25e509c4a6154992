import { readFileSync } from 'node:fs';
import type { TemplateDiagnostic } from '../../config/source-range.js';
import { evaluate } from '../hcl/eval/evaluate.js';
import { parseTemplate } from '../hcl/eval/parse-expression.js';
import { makeScope } from '../hcl/eval/scope.js';
import { T } from '../hcl/eval/types.js';
import { fail, failArg, fn, param } from './define.js';
import { configPath } from './file-path.js';
import type { FunctionSpec, FunctionTable } from './spec.js';

function describe(d: TemplateDiagnostic): string {
  const at = d.range ? `${d.range.filename}:${d.range.start.line},${d.range.start.column}: ` : '';
  return `${at}${d.summary}${d.detail ? `; ${d.detail}` : ''}`;
}

/**
 * templatefile(path, vars): renders a file as a string template whose only
 * variables are `vars`' attributes; every function but templatefile itself
 * is available (as in Packer).
 */
export function templateFileFunction(baseDir: string, functions: () => FunctionTable): FunctionSpec {
  return fn([param('path', T.string), param('vars', T.dynamic)], T.dynamic, ([p, vars]) => {
    const path = configPath(baseDir, p!.str);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      return fail(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? `no file exists at ${path}`
          : `failed to read ${path}`,
      );
    }
    const k = vars!.type.kind;
    if (k !== 'map' && k !== 'object') failArg(1, 'invalid vars value: must be a map');
    const parsed = parseTemplate(text, p!.str);
    if (parsed.diagnostics.some((d) => d.severity === 'error'))
      fail(parsed.diagnostics.map(describe).join('\n'));
    const fns = new Map(functions());
    fns.delete('templatefile');
    const r = evaluate(parsed.expr, makeScope(new Map(vars!.attrs), fns));
    const missing = r.diagnostics.find((d) => d.summary === 'Unknown variable');
    if (missing?.range) {
      const name = /"([^"]*)"/.exec(missing.detail ?? '')?.[1] ?? '';
      const { start, end } = missing.range;
      failArg(
        1,
        `vars map does not contain key "${name}", referenced at ${p!.str}:${start.line},${start.column}-${end.column}`,
      );
    }
    if (r.diagnostics.some((d) => d.severity === 'error')) fail(r.diagnostics.map(describe).join('\n'));
    return r.value;
  });
}
