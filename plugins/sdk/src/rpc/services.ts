import type * as grpc from '@grpc/grpc-js';
import { services } from './contract.js';
import { healthService } from './health.js';

/** The contract's services by name, for `server.addService`. */
export type ServiceName =
  | 'Plugin'
  | 'Builder'
  | 'Provisioner'
  | 'PostProcessor'
  | 'DataSource'
  | 'Communicator'
  | 'Ui'
  | 'Hook'
  | 'Health';

/** Adds service implementations (from the *Server adapters) to a gRPC server. */
export function addServices(
  server: grpc.Server,
  impls: Partial<Record<ServiceName, grpc.UntypedServiceImplementation>>,
): void {
  const pkg = services().kiln.plugin.v1;
  for (const [name, impl] of Object.entries(impls) as [ServiceName, grpc.UntypedServiceImplementation][]) {
    const def = name === 'Health' ? healthService() : pkg[name].service;
    server.addService(def, impl);
  }
}
