import * as grpc from '@grpc/grpc-js';
import { grpcTarget, type Handshake, TOKEN_METADATA_KEY } from '@kiln/proto';
import { services } from '../rpc/contract.js';

/**
 * Raw gRPC clients for one plugin process. The kit talks to the wire
 * directly (not through the SDK's adapters) so that it can also send calls
 * the adapters never would: no token, a wrong token.
 */
export interface PluginClients {
  plugin: grpc.Client;
  builder: grpc.Client;
  provisioner: grpc.Client;
  postProcessor: grpc.Client;
  dataSource: grpc.Client;
  leftovers: grpc.Client;
  health: grpc.Client;
  close(): void;
}

/** Opens clients to the address a plugin gave in its handshake. */
export function openClients(handshake: Handshake): PluginClients {
  const c = services();
  const target = grpcTarget(handshake);
  const creds = grpc.credentials.createInsecure();
  const v1 = c.kiln.plugin.v1;
  const clients = {
    plugin: new v1.Plugin(target, creds),
    builder: new v1.Builder(target, creds),
    provisioner: new v1.Provisioner(target, creds),
    postProcessor: new v1.PostProcessor(target, creds),
    dataSource: new v1.DataSource(target, creds),
    leftovers: new v1.Leftovers(target, creds),
    health: new c.grpc.health.v1.Health(target, creds),
  };
  return {
    ...clients,
    close: () => {
      for (const client of Object.values(clients)) client.close();
    },
  };
}

/** Metadata carrying `token`, or none when token is undefined. */
export function tokenMetadata(token: string | undefined): grpc.Metadata {
  const md = new grpc.Metadata();
  if (token !== undefined) md.set(TOKEN_METADATA_KEY, token);
  return md;
}

type UnaryMethod = (
  req: unknown,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: unknown) => void,
) => grpc.ClientUnaryCall;

/** A started unary call: its result, and a way to cancel it. */
export interface PendingCall<T> {
  result: Promise<T>;
  cancel(): void;
}

/** Starts a unary call by method name. Without timeoutMs the call has no deadline (Run). */
export function startCall<T>(
  client: grpc.Client,
  method: string,
  request: unknown,
  token: string | undefined,
  timeoutMs?: number,
): PendingCall<T> {
  const fn = (client as unknown as Record<string, UnaryMethod>)[method];
  if (typeof fn !== 'function') throw new Error(`no method ${method}`);
  const opts: grpc.CallOptions = timeoutMs === undefined ? {} : { deadline: Date.now() + timeoutMs };
  let call: grpc.ClientUnaryCall | undefined;
  const result = new Promise<T>((resolve, reject) => {
    call = fn.call(client, request, tokenMetadata(token), opts, (err, res) =>
      err ? reject(err) : resolve(res as T),
    );
  });
  return { result, cancel: () => call?.cancel() };
}

/** One unary call with a deadline. Rejects with the grpc.ServiceError. */
export function unary<T>(
  client: grpc.Client,
  method: string,
  request: unknown,
  token: string | undefined,
  timeoutMs: number,
): Promise<T> {
  return startCall<T>(client, method, request, token, timeoutMs).result;
}

/** `UNAUTHENTICATED: missing token` for a gRPC error, else the error's message. */
export function describeGrpcError(e: unknown): string {
  const err = e as Partial<grpc.ServiceError>;
  if (typeof err?.code === 'number') return `${grpc.status[err.code]}: ${err.details ?? ''}`;
  return e instanceof Error ? e.message : String(e);
}

/** The gRPC status code of an error, when it is one. */
export function grpcCode(e: unknown): grpc.status | undefined {
  const code = (e as Partial<grpc.ServiceError>)?.code;
  return typeof code === 'number' ? code : undefined;
}
