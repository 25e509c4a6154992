import type * as grpc from '@grpc/grpc-js';
import { type ContractService, services } from './contract.js';
import { healthService } from './health.js';

/** The contract's services by name (and gRPC's Health), for `server.addService`. */
export type ServiceName = ContractService | 'Health';

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
