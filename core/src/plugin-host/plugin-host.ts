import { tmpdir } from 'node:os';
import { type Communicator, type Hook, type rpc, sweepStaleTemp, type Ui } from '@kiln/plugin-sdk';
import { ENV_REATTACH } from '@kiln/proto';
import { logger as defaultLogger, type Logger } from '../log.js';
import { connectPlugin } from './connect-plugin.js';
import { CoreServer } from './core-server.js';
import type { PluginSpec } from './plugin-spec.js';
import { parseReattach, type ReattachTarget } from './reattach.js';
import type { PluginConnection, RemotePlugin } from './remote-plugin.js';

/** Options of a {@link PluginHost}. */
export interface PluginHostOptions {
  logger?: Logger;
  /** Default: $KILN_PLUGIN_START_TIMEOUT, else 60000 ms. */
  startTimeoutMs?: number;
  /** Where private socket directories are made; default: the OS temp dir. */
  socketParent?: string;
  /** Default: process.env (for KILN_REATTACH_PLUGINS). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs plugin processes for one `kiln` run: starts each plugin package at
 * most once, lazily, shared by all builds; serves core's side of the
 * contract (Ui, Hook, Communicator proxy); hands out components as plain
 * SDK interfaces; and stops everything on {@link shutdown}.
 */
export class PluginHost implements AsyncDisposable, rpc.SessionBinder {
  readonly #opts: PluginHostOptions;
  readonly #logger: Logger;
  readonly #reattach: Map<string, ReattachTarget>;
  readonly #plugins = new Map<string, Promise<PluginConnection>>();
  readonly #core: CoreServer;
  #closed = false;

  constructor(options: PluginHostOptions = {}) {
    this.#opts = options;
    this.#logger = options.logger ?? defaultLogger;
    this.#reattach = parseReattach((options.env ?? process.env)[ENV_REATTACH]);
    this.#core = new CoreServer(options.socketParent);
    // What an earlier kiln left when it was killed outright (SIGKILL): its
    // socket directories and inline scripts, named with its pid.
    for (const dir of new Set([tmpdir(), options.socketParent ?? tmpdir()])) {
      sweepStaleTemp(['kiln-core', 'kiln-plugin', 'kiln-shell'], dir);
    }
  }

  /** Starts a plugin (once per package name per run) and resolves when it is connected and described. */
  start(spec: PluginSpec): Promise<RemotePlugin> {
    if (this.#closed) return Promise.reject(new Error('the plugin host has been shut down'));
    let p = this.#plugins.get(spec.name);
    if (!p) {
      p = this.#core.listen().then(() =>
        connectPlugin(spec, this.#core, {
          logger: this.#logger,
          ...(this.#opts.startTimeoutMs !== undefined ? { startTimeoutMs: this.#opts.startTimeoutMs } : {}),
          ...(this.#opts.socketParent ? { socketParent: this.#opts.socketParent } : {}),
          ...(this.#reattach.has(spec.name) ? { reattach: this.#reattach.get(spec.name)! } : {}),
          onExit: (e) => this.#logger.log(spec.name, e.message),
        }),
      );
      this.#plugins.set(spec.name, p);
      p.catch(() => this.#plugins.delete(spec.name));
    }
    return p.then((c) => c.remote);
  }

  /**
   * Registers a build's Ui and Hook; remote components route their Ui and
   * Hook calls for the returned session id to them. Remote adapters do this
   * themselves around each call; the build runner only needs it for
   * sessions of its own.
   */
  openSession(parts: { ui: Ui; hook?: Hook }): rpc.Registration {
    return this.#core.openSession(parts);
  }

  /** Serves a communicator through core's proxy (for a provisioner in another plugin). */
  registerCommunicator(communicator: Communicator): rpc.Registration {
    return this.#core.registerCommunicator(communicator);
  }

  /** The core server's gRPC target, starting it if needed. */
  coreAddress(): Promise<string> {
    return this.#core.listen();
  }

  /**
   * Stops every plugin: Shutdown over the contract (in-flight calls are
   * cancelled, cleanups run within `graceMs`), then SIGTERM, then SIGKILL;
   * removes their socket directories and stops core's server. `graceMs` 0
   * kills them at once.
   */
  async shutdown(graceMs = 5000): Promise<void> {
    this.#closed = true;
    const plugins = [...this.#plugins.values()];
    this.#plugins.clear();
    await Promise.all(
      plugins.map(async (p) => {
        const c = await p.catch(() => undefined);
        if (!c) return;
        if (graceMs <= 0) c.launched?.kill('SIGKILL');
        else if (c.launched && !c.launched.exitStatus()) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            c.client.shutdown(graceMs).catch(() => {}),
            new Promise((r) => {
              timer = setTimeout(r, 1000);
            }),
          ]);
          clearTimeout(timer);
        }
        c.dispose();
        await c.launched?.dispose(graceMs);
      }),
    );
    await this.#core.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }
}
