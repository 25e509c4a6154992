import { ENV_REATTACH } from '@kiln/proto';

/** Where an already-running plugin listens (one entry of KILN_REATTACH_PLUGINS). */
export interface ReattachTarget {
  /** gRPC target, e.g. "unix:/tmp/kiln-plugin-debug-x/plugin.sock"; a bare path means a unix socket. */
  address: string;
  token: string;
  protocol: number;
  pid?: number;
}

/** Parses KILN_REATTACH_PLUGINS (a JSON object: plugin name -> target); throws a message naming the variable. */
export function parseReattach(value: string | undefined): Map<string, ReattachTarget> {
  const out = new Map<string, ReattachTarget>();
  if (!value) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new Error(`${ENV_REATTACH} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      `${ENV_REATTACH} must be a JSON object mapping plugin names to {address, token, protocol}`,
    );
  }
  for (const [name, t] of Object.entries(parsed as Record<string, Partial<ReattachTarget>>)) {
    if (typeof t?.address !== 'string' || typeof t.token !== 'string') {
      throw new Error(`${ENV_REATTACH}: entry "${name}" needs string "address" and "token"`);
    }
    out.set(name, {
      address: t.address.startsWith('/') ? `unix:${t.address}` : t.address,
      token: t.token,
      protocol: Number(t.protocol ?? 1),
      ...(t.pid !== undefined ? { pid: Number(t.pid) } : {}),
    });
  }
  return out;
}
