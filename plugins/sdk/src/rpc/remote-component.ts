import type * as grpc from '@grpc/grpc-js';
import type { v1 } from '@kiln/proto';
import type { Artifact, BuildContext } from '../component.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ConfigSchema } from '../schema.js';
import { type ClientContext, unary } from './client-call.js';
import { buildContextToProto } from './convert.js';
import { preparedDiagnostics } from './prepare-result.js';
import type { Registration } from './sessions.js';

/** What every Prepare/Configure request of the contract carries. */
type PrepareRequest = { type: string; configJson: string; context: v1.BuildContext };
type PrepareMethod<Res> = (
  request: PrepareRequest,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: Res) => void,
) => grpc.ClientUnaryCall;

/**
 * The client half of every component's Prepare/Configure, for one method
 * and component type: sends the decoded body and the build context;
 * resolves with the response (its instance id) and the warnings, or throws
 * a ConfigError carrying every diagnostic.
 */
export function remotePreparer<Res extends { instanceId: string; diagnostics: v1.Diagnostic__Output[] }>(
  ctx: ClientContext,
  method: PrepareMethod<Res>,
  type: string,
): (
  config: Record<string, unknown>,
  build: BuildContext,
) => Promise<{ response: Res; warnings: Diagnostic[] }> {
  return async (config, build) => {
    const response = await unary<Res>(ctx, undefined, (md, o, cb) =>
      method({ type, configJson: JSON.stringify(config), context: buildContextToProto(build) }, md, o, cb),
    );
    return { response, warnings: preparedDiagnostics(response) };
  };
}

/**
 * Runs one component call (Run, Provision, PostProcess) with what it
 * registered on core's side (its session, a served communicator), then
 * releases them. After a cancel they stay: the plugin's cleanups may still
 * report on the session until it has finished.
 */
export async function withRegistrations<T>(
  registrations: Registration[],
  signal: AbortSignal,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } finally {
    if (!signal.aborted) for (const r of registrations.reverse()) r.dispose();
  }
}

/** How core knows a remote component: its type, its schema (fetched once), its description. */
export interface RemoteSpec {
  type: string;
  schema: ConfigSchema;
  description?: string;
  /** Builders and post-processors: the owning plugin's DestroyArtifact. */
  destroyArtifact?(a: Artifact): Promise<void>;
}

/** The plain part of every remote component: schema, description, destroyArtifact. */
export function remoteBase(spec: RemoteSpec): {
  schema: ConfigSchema;
  description?: string;
  destroyArtifact?(a: Artifact): Promise<void>;
} {
  return {
    schema: spec.schema,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.destroyArtifact ? { destroyArtifact: spec.destroyArtifact } : {}),
  };
}
