import type * as grpc from '@grpc/grpc-js';
import { openChannel } from '../rpc/channel.js';
import { communicatorClient } from '../rpc/communicator-client.js';
import type { CommunicatorRegistry } from '../rpc/communicator-registry.js';
import { hookClient } from '../rpc/hook.js';
import type { CoreLink } from '../rpc/sessions.js';
import type { MachineRegistry } from '../rpc/step-cache.js';
import { uiClient } from '../rpc/ui.js';

/** Set to "chunked" to make a plugin send file bytes even when it shares the disk with core (for testing). */
export const ENV_TRANSFER = 'KILN_PLUGIN_TRANSFER';

/** The plugin's connection to core's services; owns the channel. */
export interface CoreConnection {
  link: CoreLink;
  close(): void;
}

/** Connects back to core after Plugin.Connect. */
export function connectToCore(
  address: string,
  token: string,
  registry: CommunicatorRegistry,
  machines?: MachineRegistry,
): CoreConnection {
  const channel: grpc.Channel = openChannel(address);
  const ctx = { channel, token };
  const localPaths = process.env[ENV_TRANSFER] !== 'chunked';
  return {
    link: {
      ui: (sessionId) => uiClient(ctx, sessionId),
      hook: (sessionId) =>
        hookClient(
          ctx,
          sessionId,
          (c) => registry.register(c),
          machines ? (m) => machines.register(m) : undefined,
        ),
      communicator: (id) => communicatorClient(ctx, id, { localPaths }),
    },
    close: () => channel.close(),
  };
}
