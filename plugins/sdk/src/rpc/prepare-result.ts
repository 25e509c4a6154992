import type { v1 } from '@kiln/proto';
import type { BuildContext, Prepared } from '../component.js';
import { ConfigError, type Diagnostic } from '../diagnostics.js';
import { buildContextFromProto, diagnosticFromProto, diagnosticToProto, parseJsonObject } from './convert.js';
import type { InstanceStore } from './instances.js';

/** What every Prepare/Configure request of the contract carries, as a server reads it. */
export interface PrepareRequestIn {
  type: string;
  configJson: string;
  context: v1.BuildContext__Output | null;
}

/**
 * The server half of every component's Prepare/Configure: the plugin's
 * component of the requested type (an error diagnostic when it has none)
 * prepared with the decoded body and build context, and stored under a new
 * instance id.
 */
export async function prepareByType<C, P extends Prepared>(
  components: Record<string, C>,
  kind: string,
  store: InstanceStore<P>,
  req: PrepareRequestIn,
  prepare: (component: C, config: Record<string, unknown>, build: BuildContext) => Promise<P>,
): Promise<{ instanceId: string; diagnostics: v1.Diagnostic[]; prepared?: P }> {
  const component = components[req.type];
  if (!component) return { instanceId: '', diagnostics: [unknownComponent(kind, req.type)] };
  return prepareInstance(store, () =>
    prepare(component, parseJsonObject(req.configJson), buildContextFromProto(req.context)),
  );
}

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
