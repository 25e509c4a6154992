import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {
  ENV_PLUGIN_DEBUG,
  ENV_PLUGIN_TOKEN,
  ENV_REATTACH,
  ENV_SOCKET_DIR,
  formatHandshake,
  PROTOCOL_VERSION,
} from '@kiln/proto';
import type { ComponentSet } from '../component.js';
import { type BuilderInstances, builderServer } from '../rpc/builder.js';
import { bindServer } from '../rpc/channel.js';
import { CommunicatorRegistry } from '../rpc/communicator-registry.js';
import { communicatorServer } from '../rpc/communicator-server.js';
import { services } from '../rpc/contract.js';
import { dataSourceServer } from '../rpc/data-source.js';
import { healthServer } from '../rpc/health.js';
import { InstanceStore } from '../rpc/instances.js';
import { leftoversServer } from '../rpc/leftovers.js';
import { pluginServer } from '../rpc/plugin.js';
import { postProcessorServer } from '../rpc/post-processor.js';
import { provisionerServer } from '../rpc/provisioner.js';
import { InflightCalls, type ServerContext, singleToken } from '../rpc/server-call.js';
import { addServices } from '../rpc/services.js';
import type { CoreLink } from '../rpc/sessions.js';
import { MachineRegistry, stepCacheServer } from '../rpc/step-cache.js';
import { type CoreConnection, connectToCore } from './core-link.js';
import { installCrashHandler } from './crash.js';
import { checkCookie, negotiateProtocol, ServeRefusal } from './negotiate.js';
import { pluginHandlers } from './plugin-handlers.js';

/** What a plugin's main passes to {@link serve}. */
export interface ServeOptions extends ComponentSet {
  /** The plugin's package name, e.g. "@kiln/plugin-docker". */
  name: string;
  version: string;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Protocol versions this SDK can serve. */
export const SUPPORTED_PROTOCOLS: readonly number[] = [PROTOCOL_VERSION];
/** Grace period when core goes away (stdin closed) or sends SIGTERM. */
const DEFAULT_GRACE_MS = 5000;

/**
 * Serves a plugin's components to Kiln: checks it was started by Kiln,
 * negotiates the protocol, listens on a unix socket in the socket directory
 * Kiln gave it, prints the handshake line and serves until stdin closes or
 * Kiln calls Shutdown; then it cancels in-flight calls, lets their cleanups
 * run within the grace period and exits. With KILN_PLUGIN_DEBUG=1 it needs
 * no cookie, prints a KILN_REATTACH_PLUGINS value and runs until killed.
 * Resolves once the plugin listens; the process exits when serving ends.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const env = options.env ?? process.env;
  const debug = env[ENV_PLUGIN_DEBUG] === '1';
  let protocol: number;
  try {
    if (!debug) checkCookie(env, options);
    protocol = debug ? PROTOCOL_VERSION : negotiateProtocol(env, SUPPORTED_PROTOCOLS, options.name);
    if (!debug && !env[ENV_PLUGIN_TOKEN]) throw new ServeRefusal(`${ENV_PLUGIN_TOKEN} is not set.`);
    if (!debug && !env[ENV_SOCKET_DIR]) throw new ServeRefusal(`${ENV_SOCKET_DIR} is not set.`);
  } catch (e) {
    if (!(e instanceof ServeRefusal)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  const token = debug ? randomBytes(32).toString('hex') : env[ENV_PLUGIN_TOKEN]!;
  const socketDir = debug ? mkdtempSync(join(tmpdir(), 'kiln-plugin-debug-')) : env[ENV_SOCKET_DIR]!;
  const socketPath = join(socketDir, 'plugin.sock');

  services();
  const calls = new InflightCalls();
  installCrashHandler(options.name, calls);
  const sctx: ServerContext<true> = { authenticate: singleToken(token), calls };
  const registry = new CommunicatorRegistry();
  const machines = new MachineRegistry();
  const builders: BuilderInstances = new InstanceStore();
  let core: CoreConnection | undefined;
  let stopping = false;
  const link = (): CoreLink => {
    if (!core) throw new Error('core has not connected (Plugin.Connect was not called)');
    return core.link;
  };

  const server = new grpc.Server();
  const stop = async (graceMs: number) => {
    if (stopping) return;
    stopping = true;
    calls.abortAll();
    const deadline = Date.now() + graceMs;
    while (calls.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const exit = () => {
      core?.close();
      rmSync(socketPath, { force: true });
      if (debug) rmSync(socketDir, { recursive: true, force: true });
      process.exit(0);
    };
    // A graceful shutdown lets replies already queued (Shutdown's own) reach
    // the caller; anything still open after a short wait is cut.
    setTimeout(() => {
      server.forceShutdown();
      exit();
    }, 1000).unref();
    server.tryShutdown(exit);
  };

  addServices(server, {
    Plugin: pluginServer(
      sctx,
      pluginHandlers(
        { name: options.name, version: options.version, protocol, components: options },
        {
          async connect(address, coreToken) {
            core?.close();
            core = connectToCore(address, coreToken, registry, machines);
          },
          async shutdown(graceMs) {
            setImmediate(() => void stop(graceMs || DEFAULT_GRACE_MS));
          },
        },
      ),
    ),
    Health: healthServer(sctx, () => !stopping),
    Builder: builderServer(sctx, options.builders ?? {}, link, builders),
    Provisioner: provisionerServer(sctx, options.provisioners ?? {}, link),
    PostProcessor: postProcessorServer(sctx, options.postProcessors ?? {}, link),
    DataSource: dataSourceServer(sctx, options.dataSources ?? {}),
    Communicator: communicatorServer(sctx, (_caller, id) => registry.get(id)),
    ...(options.leftovers ? { Leftovers: leftoversServer(sctx, options.leftovers) } : {}),
    ...(options.stepCache
      ? {
          StepCache: stepCacheServer(sctx, {
            store: options.stepCache,
            builder: (id) => builders.get(id).stepCache,
            machines,
          }),
        }
      : {}),
  });
  await bindServer(server, socketPath);

  if (debug) {
    const value = JSON.stringify({
      [options.name]: { address: `unix:${socketPath}`, token, protocol, pid: process.pid },
    });
    process.stdout.write(
      `${options.name} ${options.version} is listening for kiln. In another terminal run:\n\n` +
        `  export ${ENV_REATTACH}='${value}'\n\nthen run kiln as usual. Stop this plugin with Ctrl-C.\n`,
    );
    process.once('SIGINT', () => void stop(DEFAULT_GRACE_MS));
  } else {
    process.stdout.write(`${formatHandshake({ protocol, network: 'unix', address: socketPath })}\n`);
    process.on('SIGINT', () => {});
    process.stdin.on('end', () => void stop(DEFAULT_GRACE_MS));
    process.stdin.on('close', () => void stop(DEFAULT_GRACE_MS));
    process.stdin.resume();
  }
  process.once('SIGTERM', () => void stop(DEFAULT_GRACE_MS));
}
