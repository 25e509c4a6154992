/**
 * The plugin handshake, shared by core and every plugin SDK.
 *
 * Core starts a plugin process with these environment variables:
 * - {@link MAGIC_COOKIE_KEY} = {@link MAGIC_COOKIE_VALUE}: proves the process
 *   was started by Kiln (a plugin run by hand explains itself and exits 1);
 * - {@link ENV_PROTOCOL_VERSIONS}: the protocol versions core accepts, comma-separated;
 * - {@link ENV_SOCKET_DIR}: a private (0700) directory for the plugin's unix socket;
 * - {@link ENV_PLUGIN_TOKEN}: the token core sends as {@link TOKEN_METADATA_KEY}
 *   metadata on every call; the plugin refuses calls without it.
 *
 * The plugin binds a unix socket in the socket directory and writes one line
 * on stdout: `CORE|PROTOCOL|unix|SOCKET_PATH|grpc` (see {@link formatHandshake}).
 * It exits when its stdin closes.
 */
export const MAGIC_COOKIE_KEY = 'KILN_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd3b1a6c0e47f4f0e9b1c2a5d8e6f7a90kiln';
export const ENV_PROTOCOL_VERSIONS = 'KILN_PLUGIN_PROTOCOL_VERSIONS';
export const ENV_SOCKET_DIR = 'KILN_PLUGIN_SOCKET_DIR';
export const ENV_PLUGIN_TOKEN = 'KILN_PLUGIN_TOKEN';
/** Set by a plugin author to run a plugin under a debugger: it prints a reattach line and waits. */
export const ENV_PLUGIN_DEBUG = 'KILN_PLUGIN_DEBUG';
/** Points core at plugins already running (see docs/plugin-protocol.md). */
export const ENV_REATTACH = 'KILN_REATTACH_PLUGINS';
/** gRPC metadata key carrying the per-launch token, in both directions. */
export const TOKEN_METADATA_KEY = 'kiln-token';

/** Version of the handshake line itself (its first field). */
export const CORE_PROTOCOL_VERSION = 1;
/** The plugin contract version this package describes (kiln.plugin.v1). */
export const PROTOCOL_VERSION = 1;

/** The parsed handshake line. */
export interface Handshake {
  coreProtocol: number;
  protocol: number;
  network: 'unix' | 'tcp';
  address: string;
}

/** Formats the line a plugin writes on stdout once it listens. */
export function formatHandshake(h: Omit<Handshake, 'coreProtocol'>): string {
  return `${CORE_PROTOCOL_VERSION}|${h.protocol}|${h.network}|${h.address}|grpc`;
}

/** Parses a handshake line, or explains what is wrong with it. */
export function parseHandshake(line: string): Handshake | { error: string } {
  const parts = line.trim().split('|');
  if (parts.length !== 5) {
    return { error: `expected 5 fields separated by "|", got ${parts.length}` };
  }
  const [core, protocol, network, address, transport] = parts as [string, string, string, string, string];
  const coreProtocol = Number(core);
  if (coreProtocol !== CORE_PROTOCOL_VERSION) {
    return {
      error: `unsupported handshake version ${JSON.stringify(core)} (expected ${CORE_PROTOCOL_VERSION})`,
    };
  }
  if (!/^\d+$/.test(protocol))
    return { error: `protocol version ${JSON.stringify(protocol)} is not a number` };
  if (network !== 'unix' && network !== 'tcp') {
    return { error: `network ${JSON.stringify(network)} is not "unix" or "tcp"` };
  }
  if (transport !== 'grpc') return { error: `transport ${JSON.stringify(transport)} is not "grpc"` };
  if (!address) return { error: 'empty address' };
  return { coreProtocol, protocol: Number(protocol), network, address };
}

/** The gRPC target for a handshake's address. */
export function grpcTarget(h: Pick<Handshake, 'network' | 'address'>): string {
  return h.network === 'unix' ? `unix:${h.address}` : h.address;
}
