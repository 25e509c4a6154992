import {
  type BuildContext,
  CancelledError,
  ConfigError,
  type PreparedProvisioner,
  type ProvisionContext,
  type Provisioner,
} from '@kiln/plugin-sdk';
import { type PackerComponent, packerBuildVariables } from '../component-process.js';
import type { PackerProcess } from '../plugin-process.js';
import { RemoteError, type RpcService, serveRpc } from '../rpc/msgpack-rpc.js';
import { communicatorService } from '../serve/communicator-service.js';
import { uiServices } from '../serve/ui-service.js';
import { configToMap, errorDiagnostics } from '../spec/cty-value.js';

/**
 * Prepares a Packer component in a fresh process with `Configs` (build
 * variables, then the configuration map); a plugin's refusal becomes a
 * ConfigError, a dead process its crash report.
 */
export async function prepareProcess(
  component: PackerComponent,
  method: string,
  config: Record<string, unknown>,
  build: BuildContext,
): Promise<PackerProcess> {
  const raw = configToMap(component.spec, config);
  const p = await component.process();
  try {
    const reply = await p.client.call<{ Error?: { Message?: string } | null } | null>(method, {
      Configs: [packerBuildVariables(build), raw],
    });
    if (reply?.Error) throw new RemoteError(method, reply.Error.Message ?? 'configuration failed');
    return p;
  } catch (e) {
    const error = await p.explain(e);
    await p.dispose();
    if (error instanceof RemoteError) throw new ConfigError(errorDiagnostics(error.message));
    throw error;
  }
}

/** A Packer plugin's provisioner as a Kiln Provisioner: Kiln's communicator is served to it. */
export function packerProvisioner(component: PackerComponent): Provisioner {
  return {
    schema: component.schema,
    description: `${component.type} provisioner of Packer plugin ${component.binary.source} ${component.binary.version}`,
    async prepare(config: Record<string, unknown>, build: BuildContext): Promise<PreparedProvisioner> {
      const p = await prepareProcess(component, 'Provisioner.Prepare', config, build);
      return { provision: (ctx) => provision(p, ctx) };
    },
  };
}

async function provision(p: PackerProcess, ctx: ProvisionContext): Promise<void> {
  const id = p.broker.nextId();
  const services: Record<string, RpcService> = {};
  uiServices(ctx.ui, services);
  services.Communicator = communicatorService(ctx.communicator, p.broker, ctx.signal);
  const served = p.broker.accept(id).then((s) => serveRpc(s, services));
  served.catch(() => {});
  const cancel = () => {
    p.client.call('Provisioner.Cancel').catch(() => {});
  };
  ctx.signal.addEventListener('abort', cancel, { once: true });
  try {
    await p.client.call('Provisioner.Provision', { GeneratedData: ctx.generatedData ?? {}, StreamID: id });
  } catch (e) {
    if (ctx.signal.aborted) throw new CancelledError();
    throw await p.explain(e);
  } finally {
    ctx.signal.removeEventListener('abort', cancel);
  }
}
