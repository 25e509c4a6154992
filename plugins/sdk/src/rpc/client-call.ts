import * as grpc from '@grpc/grpc-js';
import { TOKEN_METADATA_KEY } from '@kiln/proto';
import { CancelledError } from '../steps.js';

/** What every client adapter needs: the channel, the token, and how to explain failures. */
export interface ClientContext {
  channel: grpc.Channel;
  /** Sent as `kiln-token` metadata on every call. */
  token: string;
  /**
   * Turns a failed call into the error callers see, e.g. a PluginCrashedError
   * when the other process died. Default: a {@link RemoteCallError}.
   */
  mapError?(error: grpc.ServiceError): Promise<Error> | Error;
}

/** A call failed on the other side; the message is the other side's. */
export class RemoteCallError extends Error {
  readonly code: grpc.status;
  constructor(error: grpc.ServiceError) {
    super(error.details || error.message);
    this.name = 'RemoteCallError';
    this.code = error.code;
  }
}

/** Metadata carrying the token. */
export function tokenMetadata(token: string): grpc.Metadata {
  const md = new grpc.Metadata();
  md.set(TOKEN_METADATA_KEY, token);
  return md;
}

/** Makes a generated service client that uses the context's channel. */
export function makeClient<T>(
  Ctor: new (address: string, credentials: grpc.ChannelCredentials, options?: grpc.ClientOptions) => T,
  ctx: ClientContext,
): T {
  return new Ctor('kiln', grpc.credentials.createInsecure(), { channelOverride: ctx.channel });
}

/** The error a failed call rejects with. */
export async function callError(ctx: ClientContext, error: unknown, signal?: AbortSignal): Promise<Error> {
  if (signal?.aborted) return new CancelledError();
  if (!isServiceError(error)) return error instanceof Error ? error : new Error(String(error));
  if (ctx.mapError) {
    const mapped = await ctx.mapError(error);
    if (!(mapped instanceof RemoteCallError) || error.code !== grpc.status.CANCELLED) return mapped;
  }
  if (error.code === grpc.status.CANCELLED) return new CancelledError(error.details || undefined);
  return new RemoteCallError(error);
}

function isServiceError(e: unknown): e is grpc.ServiceError {
  return e instanceof Error && typeof (e as grpc.ServiceError).code === 'number' && 'metadata' in e;
}

type UnaryStarter<Res> = (
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: Res) => void,
) => grpc.ClientUnaryCall;

/** Makes a unary call with the token; an aborted signal cancels it (rejecting with CancelledError). */
export function unary<Res>(
  ctx: ClientContext,
  signal: AbortSignal | undefined,
  start: UnaryStarter<Res>,
): Promise<Res> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return new Promise<Res>((resolve, reject) => {
    const call = start(tokenMetadata(ctx.token), {}, (error, response) => {
      signal?.removeEventListener('abort', onAbort);
      if (error) callError(ctx, error, signal).then(reject, reject);
      else resolve(response as Res);
    });
    const onAbort = () => call.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Cancels a streaming call when the signal aborts; returns the unsubscribe function. */
export function cancelOnAbort(call: { cancel(): void }, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => {};
  const onAbort = () => call.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
