import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { type Communicator, type Hook, ownedTempPrefix, rpc, type Ui } from '@kiln/plugin-sdk';
import { TOKEN_METADATA_KEY } from '@kiln/proto';

type Registration = rpc.Registration;

/** A plugin allowed to call core, identified by the token core gave it at Connect. */
export interface CoreCaller {
  name: string;
  /** How to call back into that plugin (its Communicator service). */
  client: rpc.ClientContext;
  /** Core's communicator proxies forward with local paths (both ends share the disk). */
  localPaths: boolean;
}

/**
 * Core's own gRPC server, on a unix socket in a private (0700) directory:
 * Ui and Hook (routed by session id to what the build runner registered)
 * and the Communicator proxy (routed by communicator id). Each plugin gets
 * its own token; a call without a known token is refused.
 */
export class CoreServer implements AsyncDisposable {
  readonly #parentDir: string;
  /** Made by {@link listen}: a run that starts no plugin never loads gRPC (the CLI's bundle loads it on first use). */
  #server: grpc.Server | undefined;
  readonly #callers = new Map<string, CoreCaller>();
  readonly #sessions = new Map<string, { ui: Ui; hook?: Hook }>();
  readonly #communicators = new rpc.CommunicatorRegistry();
  readonly #calls = new rpc.InflightCalls();
  #dir: string | undefined;
  #listening: Promise<string> | undefined;
  readonly #onExit = () => {
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
  };

  /** Nothing listens until {@link listen}; the private directory is made under `parentDir` (default: the OS temp dir). */
  constructor(parentDir = tmpdir()) {
    this.#parentDir = parentDir;
  }

  /** Starts listening (once); resolves with the gRPC target plugins are given at Connect. */
  listen(): Promise<string> {
    this.#listening ??= (async () => {
      this.#dir = mkdtempSync(join(this.#parentDir, ownedTempPrefix('kiln-core')));
      process.once('exit', this.#onExit);
      const server = new grpc.Server();
      this.#server = server;
      this.#addServices(server);
      const path = join(this.#dir, 'core.sock');
      await rpc.bindServer(server, path);
      return `unix:${path}`;
    })();
    return this.#listening;
  }

  /** Lets a plugin call core; returns the token to give it at Connect (as the registration id). */
  addCaller(caller: CoreCaller): Registration {
    const token = randomBytes(32).toString('hex');
    this.#callers.set(token, caller);
    return { id: token, dispose: () => this.#callers.delete(token) };
  }

  /** Registers a build's Ui (and Hook) under a fresh session id. */
  openSession(parts: { ui: Ui; hook?: Hook }): Registration {
    const id = randomUUID();
    this.#sessions.set(id, parts);
    return { id, dispose: () => this.#sessions.delete(id) };
  }

  /** Serves a communicator through core's Communicator proxy under a fresh id. */
  registerCommunicator(communicator: Communicator): Registration {
    return this.#communicators.register(communicator);
  }

  /** Stops the server and removes its directory. */
  async close(): Promise<void> {
    this.#calls.abortAll();
    if (this.#listening) await this.#listening.catch(() => {});
    if (this.#server) await rpc.stopServer(this.#server, 500);
    this.#onExit();
    process.removeListener('exit', this.#onExit);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #addServices(server: grpc.Server): void {
    const sctx: rpc.ServerContext<CoreCaller> = {
      authenticate: (md) => {
        const token = md.get(TOKEN_METADATA_KEY)[0];
        return typeof token === 'string' ? this.#callers.get(token) : undefined;
      },
      calls: this.#calls,
    };
    rpc.addServices(server, {
      Ui: rpc.uiServer(sctx, (_caller, id) => this.#sessions.get(id)?.ui),
      Hook: rpc.hookServer(sctx, {
        hook: (_caller, id) => this.#sessions.get(id)?.hook,
        communicator: (caller, id) =>
          rpc.communicatorClient(caller.client, id, { localPaths: caller.localPaths }),
        machine: (caller, id, restoredKey) => rpc.stepCacheClient(caller.client).machine(id, restoredKey),
      }),
      Communicator: rpc.communicatorServer(sctx, (_caller, id) => this.#communicators.get(id)),
      Health: rpc.healthServer(sctx),
    });
  }
}
