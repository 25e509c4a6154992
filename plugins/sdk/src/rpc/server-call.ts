import { timingSafeEqual } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { TOKEN_METADATA_KEY } from '@kiln/proto';
import { CancelledError } from '../steps.js';

/** Says who is calling from the call's metadata, or undefined to refuse it (UNAUTHENTICATED). */
export type Authenticate<C> = (metadata: grpc.Metadata) => C | undefined;

/** An Authenticate that accepts exactly one token. */
export function singleToken(token: string): Authenticate<true> {
  const expected = Buffer.from(token);
  return (md) => {
    const got = md.get(TOKEN_METADATA_KEY)[0];
    if (got === undefined) return undefined;
    const b = Buffer.from(String(got));
    return b.length === expected.length && timingSafeEqual(b, expected) ? true : undefined;
  };
}

interface Inflight {
  abort(): void;
  fail(error: Error): void;
}

/** The calls a server is handling, so that Shutdown can cancel them and a crash can fail them. */
export class InflightCalls {
  readonly #calls = new Set<Inflight>();

  add(call: Inflight): () => void {
    this.#calls.add(call);
    return () => this.#calls.delete(call);
  }

  get size(): number {
    return this.#calls.size;
  }

  abortAll(): void {
    for (const c of this.#calls) c.abort();
  }

  failAll(error: Error): void {
    for (const c of [...this.#calls]) c.fail(error);
    this.#calls.clear();
  }
}

/** What every server adapter needs. */
export interface ServerContext<C> {
  authenticate: Authenticate<C>;
  calls: InflightCalls;
}

/** The status a handler's error is reported with. */
export function errorStatus(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof CancelledError) return { code: grpc.status.CANCELLED, details: error.message };
  const details = error instanceof Error ? error.message : String(error);
  return { code: grpc.status.UNKNOWN, details: details || 'unknown error' };
}

// A function, not a constant: nothing of gRPC is read while modules load
// (the CLI's bundle loads gRPC on first use).
const unauthenticated = () => ({
  code: grpc.status.UNAUTHENTICATED,
  details: `missing or wrong ${TOKEN_METADATA_KEY} metadata`,
});

/** Wraps a unary handler: token check, AbortSignal tied to call cancellation, errors as statuses. */
export function unaryHandler<C, Req, Res>(
  ctx: ServerContext<C>,
  fn: (request: Req, caller: C, signal: AbortSignal) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const caller = ctx.authenticate(call.metadata);
    if (caller === undefined) {
      callback(unauthenticated());
      return;
    }
    const ac = new AbortController();
    let settled = false;
    const finish = (error: Partial<grpc.StatusObject> | null, res?: Res) => {
      if (settled) return;
      settled = true;
      remove();
      callback(error, res);
    };
    const remove = ctx.calls.add({
      abort: () => ac.abort(),
      fail: (e) => finish({ code: grpc.status.INTERNAL, details: e.message }),
    });
    call.on('cancelled', () => ac.abort());
    fn(call.request, caller, ac.signal).then(
      (res) => finish(null, res),
      (e) => finish(errorStatus(ac.signal.aborted ? new CancelledError() : e)),
    );
  };
}

/**
 * Starts handling a streaming call: checks the token (ending the call with
 * UNAUTHENTICATED when wrong), and returns the caller, an AbortSignal tied to
 * cancellation and a `done` to call when finished.
 */
export function streamCall<C>(
  ctx: ServerContext<C>,
  call:
    | grpc.ServerReadableStream<unknown, unknown>
    | grpc.ServerWritableStream<unknown, unknown>
    | grpc.ServerDuplexStream<unknown, unknown>,
  fail: (status: Partial<grpc.StatusObject>) => void,
): { caller: C; signal: AbortSignal; done(): void } | undefined {
  const caller = ctx.authenticate(call.metadata);
  if (caller === undefined) {
    fail(unauthenticated());
    return undefined;
  }
  const ac = new AbortController();
  call.on('cancelled', () => ac.abort());
  const remove = ctx.calls.add({
    abort: () => ac.abort(),
    fail: (e) => fail({ code: grpc.status.INTERNAL, details: e.message }),
  });
  return { caller, signal: ac.signal, done: remove };
}
