import { HOOK_CLEANUP_PROVISION, HOOK_PROVISION, type Hook } from '@kiln/plugin-sdk';
import { RpcClient, type RpcService } from '../rpc/msgpack-rpc.js';
import type { MuxBroker } from '../rpc/mux-broker.js';
import { RemotePackerCommunicator } from './remote-communicator.js';

/** Packer's hook names, and Kiln's for the same moment. */
const HOOK_NAMES: Record<string, string> = {
  packer_provision: HOOK_PROVISION,
  packer_cleanup_provision: HOOK_CLEANUP_PROVISION,
};

/**
 * Core's Hook as a Packer builder calls it: `Hook.Run` names a stream on
 * which the plugin serves its communicator (and a Ui); Kiln's hook then runs
 * the template's provisioners against that communicator. `Hook.Cancel`
 * aborts what runs. A Packer builder's provision step calls
 * packer_cleanup_provision in its cleanup after a failure: Kiln runs the
 * error-cleanup-provisioner then. Other hooks do nothing, as in Packer.
 */
export function hookService(hook: Hook, broker: MuxBroker, signal: AbortSignal): RpcService {
  const cancel = new AbortController();
  const abort = () => cancel.abort();
  signal.addEventListener('abort', abort, { once: true });
  return {
    Run: async (args) => {
      const a = (args ?? {}) as { Name?: string; Data?: unknown; StreamId?: number };
      const name = HOOK_NAMES[a.Name ?? ''];
      if (!name) return null;
      const client = new RpcClient(await broker.dial(Number(a.StreamId)));
      try {
        const communicator = new RemotePackerCommunicator(client, broker);
        const data = a.Data && typeof a.Data === 'object' ? (a.Data as Record<string, unknown>) : {};
        await hook.run(name, communicator, data, cancel.signal);
      } finally {
        client.close();
      }
      return null;
    },
    Cancel: () => {
      cancel.abort();
      return null;
    },
  };
}
