import * as grpc from '@grpc/grpc-js';

/** A gRPC channel to a plugin or to core (e.g. "unix:/tmp/kiln-x/plugin.sock"); close it when done. */
export function openChannel(target: string): grpc.Channel {
  return new grpc.Channel(target, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
  });
}

/** Creates a server and binds it to a unix socket path (or host:port); resolves with the bound server. */
export async function bindServer(server: grpc.Server, address: string): Promise<void> {
  const target = address.startsWith('/') ? `unix:${address}` : address;
  await new Promise<number>((resolve, reject) =>
    server.bindAsync(target, grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
}

/** Stops a server: waits up to `graceMs` for calls to finish, then forces it. */
export async function stopServer(server: grpc.Server, graceMs = 1000): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    timer.unref();
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
