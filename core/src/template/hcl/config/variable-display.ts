import type { VariableInfo } from '../../../config/model.js';
import { toJs } from '../eval/js.js';
import { typeString } from '../eval/types.js';
import type { Value } from '../eval/value.js';
import type { VariableDecl } from './variable-decl.js';

/** What inspect and validate show for each variable. */
export function variableInfos(decls: Map<string, VariableDecl>, values: Map<string, Value>): VariableInfo[] {
  return [...decls.values()].map((d) => {
    const v = values.get(d.name);
    return {
      name: d.name,
      ...(d.type.kind !== 'dynamic' ? { type: typeString(d.type) } : {}),
      ...(d.description ? { description: d.description } : {}),
      sensitive: d.sensitive,
      display: d.sensitive ? '<sensitive>' : display(v),
      range: d.range,
    };
  });
}

/** The variables' values as components receive them: strings as they are, other values as JSON; unknown ones left out. */
export function variableValues(values: Map<string, Value>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of values) {
    if (!v.isKnown) continue;
    const js = toJs(v, { unknownAs: () => null });
    out[name] = typeof js === 'string' ? js : JSON.stringify(js ?? null);
  }
  return out;
}

/** A value as inspect shows it: one line, `<unknown>` when not known yet. */
export function display(v: Value | undefined): string {
  if (!v || !v.isKnown) return '<unknown>';
  return oneLine(toJs(v, { unknownAs: () => '<unknown>' }));
}

/** A value on one line, HCL-like: "s", 1, true, null, ["a", "b"], { k = "v" }. */
function oneLine(js: unknown): string {
  if (js === null || js === undefined) return 'null';
  if (Array.isArray(js)) return `[${js.map(oneLine).join(', ')}]`;
  if (typeof js === 'object') {
    const items = Object.entries(js).map(
      ([k, x]) => `${/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k)} = ${oneLine(x)}`,
    );
    return items.length ? `{ ${items.join(', ')} }` : '{}';
  }
  return typeof js === 'string' ? JSON.stringify(js) : String(js);
}
