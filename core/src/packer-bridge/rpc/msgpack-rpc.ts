import type { Duplex } from 'node:stream';
import { Decoder, Encoder } from '@msgpack/msgpack';

/**
 * Go's net/rpc over one stream with the msgpack codec Packer plugins use
 * (ugorji's GoRpc codec): every message is a header value followed by a body
 * value, back to back. Requests carry `{ServiceMethod, Seq}`, responses
 * `{ServiceMethod, Seq, Error}`; structs are maps keyed by field name.
 */
const encoder = new Encoder({ ignoreUndefined: true });

function encodeMessage(header: unknown, body: unknown): Buffer {
  const h = encoder.encode(header);
  const b = encoder.encode(body ?? null);
  return Buffer.concat([h, b]);
}

/** The values arriving on a stream, in order. */
async function* values(stream: Duplex): AsyncGenerator<unknown> {
  yield* new Decoder().decodeStream(stream as AsyncIterable<Uint8Array>);
}

/** An error the plugin's method returned (the response's Error field). */
export class RemoteError extends Error {
  constructor(method: string, message: string) {
    super(message);
    this.name = 'RemoteError';
    this.method = method;
  }
  readonly method: string;
}

/** Calls methods of a Go net/rpc server (a plugin's Builder, Communicator, Artifact...). */
export class RpcClient {
  readonly #stream: Duplex;
  #seq = 0;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #closedError: Error | undefined;

  constructor(stream: Duplex) {
    this.#stream = stream;
    this.#readLoop();
  }

  async #readLoop(): Promise<void> {
    let error: Error = new Error('the plugin closed the connection');
    try {
      const it = values(this.#stream);
      for (;;) {
        const h = await it.next();
        if (h.done) break;
        const b = await it.next();
        if (b.done) break;
        const header = h.value as { Seq: number; Error?: string; ServiceMethod?: string };
        const p = this.#pending.get(Number(header.Seq));
        if (!p) continue;
        this.#pending.delete(Number(header.Seq));
        if (header.Error) p.reject(new RemoteError(header.ServiceMethod ?? '', header.Error));
        else p.resolve(b.value);
      }
    } catch (e) {
      error = e as Error;
    }
    this.#closedError = error;
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }

  /** Calls `Service.Method` with `args`; resolves with the reply. */
  call<T = unknown>(method: string, args: unknown = null): Promise<T> {
    if (this.#closedError) return Promise.reject(this.#closedError);
    const seq = this.#seq++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.#stream.write(encodeMessage({ ServiceMethod: method, Seq: seq }, args));
    });
  }

  close(): void {
    this.#stream.end();
  }
}

/** One service's methods: each takes the decoded argument and returns the reply. */
export type RpcService = Record<string, (args: unknown) => unknown | Promise<unknown>>;

/**
 * Serves Go net/rpc calls on one stream (core's Ui, Hook, Communicator and
 * Artifact for a plugin). Calls run concurrently, as Go's server runs them.
 * Resolves when the stream ends.
 */
export async function serveRpc(
  stream: Duplex,
  services: Record<string, RpcService>,
  onError?: (method: string, error: Error) => void,
): Promise<void> {
  const respond = (method: string, seq: unknown, error: string, body: unknown) => {
    if (stream.destroyed || stream.writableEnded) return;
    stream.write(encodeMessage({ ServiceMethod: method, Seq: seq, Error: error }, error ? {} : body));
  };
  const it = values(stream);
  try {
    for (;;) {
      const h = await it.next();
      if (h.done) break;
      const b = await it.next();
      if (b.done) break;
      const { ServiceMethod: method, Seq: seq } = h.value as { ServiceMethod: string; Seq: unknown };
      const dot = method.lastIndexOf('.');
      const fn = services[method.slice(0, dot)]?.[method.slice(dot + 1)];
      if (!fn) {
        respond(method, seq, `rpc: can't find method ${method}`, null);
        continue;
      }
      Promise.resolve()
        .then(() => fn(b.value))
        .then(
          (reply) => respond(method, seq, '', reply ?? null),
          (e: Error) => {
            onError?.(method, e);
            respond(method, seq, e.message || String(e), null);
          },
        );
    }
  } catch {
    // The connection went away; callers learn it from their own calls.
  }
}
