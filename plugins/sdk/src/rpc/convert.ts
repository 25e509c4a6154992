import type { v1 } from '@kiln/proto';
import type { Artifact, BuildContext, ComponentKind } from '../component.js';
import type { Diagnostic } from '../diagnostics.js';

const KIND_TO_PROTO = {
  builder: 'BUILDER',
  provisioner: 'PROVISIONER',
  'post-processor': 'POST_PROCESSOR',
  'data-source': 'DATA_SOURCE',
} as const satisfies Record<ComponentKind, string>;

/** SDK component kind -> contract enum name. */
export function kindToProto(kind: ComponentKind): v1.ComponentKind {
  return KIND_TO_PROTO[kind];
}

/** Contract enum (name or number) -> SDK component kind, undefined when unspecified. */
export function kindFromProto(kind: v1.ComponentKind__Output | string | number): ComponentKind | undefined {
  for (const [k, v] of Object.entries(KIND_TO_PROTO)) if (v === kind) return k as ComponentKind;
  return undefined;
}

export function diagnosticToProto(d: Diagnostic): v1.Diagnostic {
  return {
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: d.summary,
    detail: d.detail ?? '',
    attributePath: (d.path ?? []).map(String),
  };
}

export function diagnosticFromProto(d: v1.Diagnostic__Output): Diagnostic {
  const out: Diagnostic = { severity: d.severity === 'WARNING' ? 'warning' : 'error', summary: d.summary };
  if (d.detail) out.detail = d.detail;
  if (d.attributePath.length) out.path = d.attributePath.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return out;
}

export function artifactToProto(a: Artifact): v1.Artifact {
  return {
    builderId: a.builderId,
    id: a.id,
    files: a.files,
    description: a.description,
    stateJson: JSON.stringify(a.state ?? {}),
    producerKind: a.producer ? kindToProto(a.producer.kind) : 'COMPONENT_KIND_UNSPECIFIED',
    producerType: a.producer?.type ?? '',
  };
}

export function artifactFromProto(a: v1.Artifact__Output | null | undefined): Artifact | undefined {
  if (!a) return undefined;
  const out: Artifact = {
    builderId: a.builderId,
    id: a.id,
    files: [...a.files],
    description: a.description,
    state: a.stateJson ? JSON.parse(a.stateJson) : {},
  };
  const kind = kindFromProto(a.producerKind);
  if (kind) out.producer = { kind, type: a.producerType };
  return out;
}

export function buildContextToProto(b: BuildContext): v1.BuildContext {
  return {
    runId: b.runId,
    buildName: b.buildName,
    builderType: b.builderType,
    debug: b.debug,
    force: b.force,
    onError: b.onError,
    templateDir: b.templateDir,
    userVariablesJson: JSON.stringify(b.userVariables ?? {}),
  };
}

const ON_ERROR = new Set(['cleanup', 'abort', 'ask', 'run-cleanup-provisioner']);

export function buildContextFromProto(b: v1.BuildContext__Output | null | undefined): BuildContext {
  return {
    runId: b?.runId ?? '',
    buildName: b?.buildName ?? '',
    builderType: b?.builderType ?? '',
    debug: b?.debug ?? false,
    force: b?.force ?? false,
    onError: (ON_ERROR.has(b?.onError ?? '') ? b!.onError : 'cleanup') as BuildContext['onError'],
    templateDir: b?.templateDir ?? '',
    userVariables: b?.userVariablesJson ? JSON.parse(b.userVariablesJson) : {},
  };
}

/** Parses a JSON object field, treating empty as {}. */
export function parseJsonObject(text: string): Record<string, unknown> {
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
