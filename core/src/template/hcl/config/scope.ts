import { UNKNOWN_OUTPUT } from '../../../config/model.js';
import type { FunctionTable } from '../../functions/spec.js';
import { type EvalScope, makeScope } from '../eval/scope.js';
import { T } from '../eval/types.js';
import { Value } from '../eval/value.js';

/** Everything a configuration expression can see, before a build runs. */
export interface ConfigScopeInput {
  vars: ReadonlyMap<string, Value>;
  locals: ReadonlyMap<string, Value>;
  /** path.root: the configuration's directory as the user gave it (Packer's basedir). */
  rootDir: string;
  cwd: string;
  version: string;
  functions: FunctionTable;
  /** Declared data sources (`data.<type>.<name>`) and the outputs provided so far. */
  data?: {
    declared: { type: string; name: string }[];
    outputs: Map<string, Value>;
    /** Leave out data sources not provided (their references fail) instead of making them unknown. */
    absentUnlessProvided?: boolean;
  };
}

/**
 * The scope of an expression: var, local, path, packer, data (unknown until
 * data sources run), plus `source` and `build` inside a build block. `build`
 * is unknown until the builder has run and generated its values.
 */
export function configScope(
  input: ConfigScopeInput,
  extra: { source?: { type: string; name: string }; build?: Record<string, unknown> | 'unknown' } = {},
): EvalScope {
  const vars: Record<string, Value> = {
    var: Value.object(input.vars),
    local: Value.object(input.locals),
    path: Value.object({ root: Value.string(input.rootDir), cwd: Value.string(input.cwd) }),
    packer: Value.object({ version: Value.string(input.version) }),
    data: dataValue(input.data),
  };
  if (extra.source)
    vars.source = Value.object({
      type: Value.string(extra.source.type),
      name: Value.string(extra.source.name),
    });
  if (extra.build === 'unknown') vars.build = Value.unknown(T.dynamic);
  else if (extra.build) {
    vars.build = Value.object(
      Object.fromEntries(Object.entries(extra.build).map(([k, v]) => [k, jsToValue(v)])),
    );
  }
  return makeScope(vars, input.functions);
}

function jsToValue(v: unknown): Value {
  if (v === UNKNOWN_OUTPUT) return Value.unknown(T.dynamic);
  if (v === null || v === undefined) return Value.null();
  if (typeof v === 'string') return Value.string(v);
  if (typeof v === 'number') return Value.number(v);
  if (typeof v === 'boolean') return Value.bool(v);
  return Value.string(JSON.stringify(v));
}

/** data.<type>.<name>: provided outputs, unknown for the others. */
function dataValue(data: ConfigScopeInput['data']): Value {
  if (!data || data.declared.length === 0) return Value.unknown(T.dynamic);
  const byType = new Map<string, Map<string, Value>>();
  for (const d of data.declared) {
    const m = byType.get(d.type) ?? new Map<string, Value>();
    const out = data.outputs.get(`${d.type}.${d.name}`);
    if (out) m.set(d.name, out);
    else if (!data.absentUnlessProvided) m.set(d.name, Value.unknown(T.dynamic));
    byType.set(d.type, m);
  }
  return Value.object(new Map([...byType].map(([t, m]) => [t, Value.object(m)])));
}
