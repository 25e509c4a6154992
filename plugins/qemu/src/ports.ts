import { createServer, type Server } from 'node:net';

/** Binds `server` to a free port in min..max on `host` (starting at a random one); rejects when none is free. */
export async function listenInRange(
  server: {
    listen(port: number, host: string): unknown;
    once: Server['once'];
    removeListener: Server['removeListener'];
  },
  host: string,
  min: number,
  max: number,
  what: string,
  skip: (port: number) => boolean = () => false,
): Promise<number> {
  const span = max - min + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = min + ((start + i) % span);
    if (skip(port)) continue;
    const ok = await new Promise<boolean>((resolve) => {
      const onError = () => {
        server.removeListener('listening', onListening);
        resolve(false);
      };
      const onListening = () => {
        server.removeListener('error', onError);
        resolve(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
    if (ok) return port;
  }
  throw new Error(`No free port for ${what} in ${min}..${max} on ${host}: every port in the range is in use`);
}

/**
 * Ports handed out lately in this process: parallel builds in one plugin
 * process must not pick the same port before QEMU has bound it.
 */
const handedOut = new Map<number, number>();
const HOLD_MS = 60_000;

/** A free TCP port in min..max, for a program that binds it itself (QEMU's VNC and forwards). */
export async function freePortInRange(host: string, min: number, max: number, what: string): Promise<number> {
  const now = Date.now();
  for (const [p, at] of handedOut) if (now - at > HOLD_MS) handedOut.delete(p);
  const probe = createServer();
  const port = await listenInRange(probe, host, min, max, what, (p) => handedOut.has(p));
  handedOut.set(port, now);
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}
