import type * as grpc from '@grpc/grpc-js';
import type { Contract } from '@kiln/proto';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { type ServerContext, unaryHandler } from './server-call.js';

type HealthService = Contract['grpc']['health']['v1']['Health'];

/** The grpc.health.v1.Health service definition. */
export function healthService(): HealthService['service'] {
  return services().grpc.health.v1.Health.service;
}

/** Serves grpc.health.v1.Health: SERVING while `serving()` is true. */
export function healthServer<C>(
  sctx: ServerContext<C>,
  serving: () => boolean = () => true,
): grpc.UntypedServiceImplementation {
  return {
    Check: unaryHandler(sctx, async () => ({ status: serving() ? 'SERVING' : 'NOT_SERVING' })),
  };
}

/** Asks the other side whether it is serving. */
export async function checkHealth(ctx: ClientContext, signal?: AbortSignal): Promise<boolean> {
  const client = makeClient(services().grpc.health.v1.Health, ctx);
  const res = await unary<{ status: string }>(ctx, signal, (md, o, cb) =>
    client.Check({ service: '' }, md, o, cb),
  );
  return res.status === 'SERVING';
}
