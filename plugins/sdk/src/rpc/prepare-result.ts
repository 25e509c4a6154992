import type { v1 } from '@kiln/proto';
import type { Prepared } from '../component.js';
import { ConfigError, type Diagnostic } from '../diagnostics.js';
import { diagnosticFromProto, diagnosticToProto } from './convert.js';
import type { InstanceStore } from './instances.js';

/** Runs a component's prepare/configure; a ConfigError becomes diagnostics, a success an instance id. */
export async function prepareInstance<P extends Prepared>(
  store: InstanceStore<P>,
  prepare: () => Promise<P>,
): Promise<{ instanceId: string; diagnostics: v1.Diagnostic[]; prepared?: P }> {
  try {
    const prepared = await prepare();
    return {
      instanceId: store.add(prepared),
      diagnostics: (prepared.warnings ?? []).map(diagnosticToProto),
      prepared,
    };
  } catch (e) {
    if (e instanceof ConfigError)
      return { instanceId: '', diagnostics: e.diagnostics.map(diagnosticToProto) };
    throw e;
  }
}

/** Turns a Prepare response's diagnostics into warnings, or throws a ConfigError carrying all of them. */
export function preparedDiagnostics(res: {
  instanceId: string;
  diagnostics: v1.Diagnostic__Output[];
}): Diagnostic[] {
  const diags = res.diagnostics.map(diagnosticFromProto);
  if (diags.some((d) => d.severity === 'error') || !res.instanceId) {
    throw new ConfigError(diags.length ? diags : [{ severity: 'error', summary: 'configuration refused' }]);
  }
  return diags;
}

/** Server side: the component named by a request, or an error diagnostic. */
export function unknownComponent(kind: string, type: string): v1.Diagnostic {
  return { severity: 'ERROR', summary: `Unknown ${kind} type "${type}"`, detail: '', attributePath: [] };
}
