import * as grpc from '@grpc/grpc-js';
import { type LaunchedPlugin, launchPlugin, rpc } from '@kiln/plugin-sdk';
import { grpcTarget, PROTOCOL_VERSION } from '@kiln/proto';
import type { Logger } from '../log.js';
import type { CoreServer } from './core-server.js';
import { PluginCrashedError, PluginUnreachableError } from './crashed-error.js';
import type { PluginSpec } from './plugin-spec.js';
import type { ReattachTarget } from './reattach.js';
import { type PluginConnection, remotePlugin } from './remote-plugin.js';

/**
 * Codes with which a call fails when the other process went away. A
 * function, not a set made at load: nothing of gRPC is read while modules
 * load (the CLI's bundle loads gRPC on first use).
 */
const isTransportCode = (code: grpc.status) =>
  code === grpc.status.UNAVAILABLE || code === grpc.status.INTERNAL || code === grpc.status.CANCELLED;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Options of {@link connectPlugin}. */
export interface ConnectOptions {
  logger: Logger;
  startTimeoutMs?: number;
  socketParent?: string;
  reattach?: ReattachTarget;
  /** Called when a plugin started by core exits while it is still in use. */
  onExit?(error: PluginCrashedError): void;
}

/**
 * Starts (or reattaches to) one plugin, connects it to core and describes it.
 * On failure everything it made is removed before rethrowing.
 */
export async function connectPlugin(
  spec: PluginSpec,
  core: CoreServer,
  opts: ConnectOptions,
): Promise<PluginConnection> {
  let launched: LaunchedPlugin | undefined;
  let target: string;
  let token: string;
  if (opts.reattach) {
    target = opts.reattach.address;
    token = opts.reattach.token;
  } else {
    launched = await launchPlugin({
      name: spec.name,
      version: spec.version,
      command: spec.command,
      args: spec.args,
      ...(spec.env ? { env: spec.env } : {}),
      ...(opts.socketParent ? { socketDir: opts.socketParent } : {}),
      ...(opts.startTimeoutMs !== undefined ? { startTimeoutMs: opts.startTimeoutMs } : {}),
      protocolVersions: [PROTOCOL_VERSION],
      log: (line) => opts.logger.log(spec.name, line),
    });
    target = grpcTarget(launched.handshake);
    token = launched.token;
  }
  let shuttingDown = false;
  const ctx: rpc.ClientContext = {
    channel: rpc.openChannel(target),
    token,
    async mapError(error) {
      if (!isTransportCode(error.code)) return new rpc.RemoteCallError(error);
      if (!launched) {
        return error.code === grpc.status.UNAVAILABLE
          ? new PluginUnreachableError(spec.name, target, error.details)
          : new rpc.RemoteCallError(error);
      }
      if (!launched.exitStatus()) await Promise.race([launched.exited, sleep(1000)]);
      const status = launched.exitStatus();
      if (!status) return new rpc.RemoteCallError(error);
      return new PluginCrashedError(launched.identity, status, launched.stderrTail());
    },
  };
  const caller = core.addCaller({ name: spec.name, client: ctx, localPaths: true });
  const dispose = () => {
    shuttingDown = true;
    caller.dispose();
    ctx.channel.close();
  };
  if (launched) {
    const l = launched;
    void l.exited.then((status) => {
      if (!shuttingDown) opts.onExit?.(new PluginCrashedError(l.identity, status, l.stderrTail()));
    });
  }
  try {
    const client = rpc.pluginClient(ctx);
    const [description] = await Promise.all([
      client.describe(),
      client.connect(await core.listen(), caller.id),
    ]);
    return {
      remote: remotePlugin(spec, description, ctx, client, core, launched),
      client,
      channel: ctx.channel,
      launched,
      dispose,
    };
  } catch (e) {
    dispose();
    await launched?.dispose(500);
    throw e;
  }
}
