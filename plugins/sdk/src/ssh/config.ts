import { existsSync } from 'node:fs';
import type { Diagnostics } from '../diagnostics.js';
import { parseDuration } from '../duration.js';
import { type AttributeSpec, attr } from '../schema.js';

/** Key types of a temporary key pair (ssh_temporary_key_pair_type). */
export type TemporaryKeyType = 'rsa' | 'ecdsa' | 'ed25519';

/** Where a connection lands: the machine itself or a bastion in front of it. */
export interface SshEndpoint {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKeyFile?: string;
  agentAuth: boolean;
}

/** The communicator settings of a builder body, decoded and checked. */
export interface CommunicatorConfig {
  type: 'ssh' | 'none';
  /** Empty: the builder supplies the host (e.g. 127.0.0.1 with a port forward). */
  host: string;
  /** 0: the builder supplies the port. */
  port: number;
  username: string;
  password?: string;
  privateKeyFile?: string;
  agentAuth: boolean;
  timeoutMs: number;
  handshakeAttempts: number;
  keepAliveIntervalMs: number;
  readWriteTimeoutMs: number;
  pty: boolean;
  fileTransferMethod: 'scp' | 'sftp';
  bastion?: SshEndpoint;
  temporaryKeyPair: { type: TemporaryKeyType; bits: number };
  pauseBeforeConnectingMs: number;
  ciphers?: string[];
  keyExchangeAlgorithms?: string[];
}

const { string: str, bool } = attr;
const secret = (description: string) => attr.string(description, { sensitive: true });
const num = (description: string) => attr.number(description);

/**
 * The communicator attributes (Packer's `communicator` block, flattened into
 * the builder body), for builders to spread into their schema.
 */
export const communicatorAttributes: Record<string, AttributeSpec> = {
  communicator: str('"ssh" (default) or "none".'),
  pause_before_connecting: str('Wait this long (e.g. "10s") before the first connection attempt.'),
  ssh_host: str('The address to connect to; default: what the builder knows.'),
  ssh_port: num('The port to connect to (default 22, or the builder forward).'),
  ssh_username: str('The user to log in as.'),
  ssh_password: secret('A password to log in with.'),
  ssh_private_key_file: str('A private key file to log in with.', { aliases: ['ssh_key_path'] }),
  ssh_agent_auth: bool('Log in with the keys of the local ssh-agent (SSH_AUTH_SOCK).', false),
  ssh_timeout: str('How long to wait for SSH to become available (default "5m").', {
    aliases: ['ssh_wait_timeout'],
  }),
  ssh_handshake_attempts: num('How many handshakes (authentication failures) to try (default 10).'),
  ssh_keep_alive_interval: str('Interval of keep-alive messages (default "5s"; "-1s" turns them off).'),
  ssh_read_write_timeout: str('Fail a command that sends nothing this long (default "0": never).'),
  ssh_pty: bool('Run commands in a pseudo-terminal.', false),
  ssh_file_transfer_method: str('"scp" (default) or "sftp".'),
  ssh_disable_agent_forwarding: bool('Do not forward the local agent (Kiln never forwards it).', false),
  ssh_ciphers: { type: 'list(string)', description: 'Allowed ciphers, in order of preference.' },
  ssh_key_exchange_algorithms: {
    type: 'list(string)',
    description: 'Allowed key exchange algorithms, in order of preference.',
  },
  ssh_temporary_key_pair_type: str('Type of the temporary key pair: "rsa" (default), "ecdsa", "ed25519".'),
  ssh_temporary_key_pair_bits: num('Bits of the temporary key pair (rsa: 4096, ecdsa: 521 by default).'),
  ssh_clear_authorized_keys: bool('Accepted for compatibility; not done by Kiln.', false),
  ssh_bastion_host: str('A bastion (jump) host to connect through.'),
  ssh_bastion_port: num('The bastion port (default 22).'),
  ssh_bastion_username: str('The bastion user.'),
  ssh_bastion_password: secret('The bastion password.'),
  ssh_bastion_private_key_file: str('A private key file for the bastion.'),
  ssh_bastion_agent_auth: bool('Log in to the bastion with ssh-agent keys.', false),
};

/**
 * Reads the communicator attributes out of a decoded body (see
 * {@link communicatorAttributes}); problems go to `diags` with their path.
 */
export function decodeCommunicatorConfig(
  v: Record<string, unknown>,
  diags: Diagnostics,
  defaults: { timeoutMs?: number; port?: number } = {},
): CommunicatorConfig {
  const s = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  const n = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
  const dur = (k: string, dflt: number, allowNegative = false): number => {
    const text = s(k);
    if (text === undefined) return dflt;
    const ms = parseDuration(text);
    if (ms === undefined || (ms < 0 && !allowNegative)) {
      diags.error(`"${text}" is not a duration`, [k], 'Write it like "10s", "1m30s" or "500ms".');
      return dflt;
    }
    return ms;
  };
  const type = s('communicator') ?? 'ssh';
  if (type !== 'ssh' && type !== 'none') {
    diags.error(
      `communicator "${type}" is not supported`,
      ['communicator'],
      type === 'winrm' ? 'WinRM is not supported by Kiln yet; use "ssh" or "none".' : 'Use "ssh" or "none".',
    );
  }
  const method = s('ssh_file_transfer_method') ?? 'scp';
  if (method !== 'scp' && method !== 'sftp')
    diags.error(`ssh_file_transfer_method must be "scp" or "sftp", not "${method}"`, [
      'ssh_file_transfer_method',
    ]);
  const keyType = (s('ssh_temporary_key_pair_type') ?? 'rsa') as TemporaryKeyType;
  if (!['rsa', 'ecdsa', 'ed25519'].includes(keyType))
    diags.error(
      `ssh_temporary_key_pair_type must be "rsa", "ecdsa" or "ed25519", not "${keyType}"`,
      ['ssh_temporary_key_pair_type'],
      'DSA keys are not supported.',
    );
  const bits = n('ssh_temporary_key_pair_bits') ?? (keyType === 'rsa' ? 4096 : keyType === 'ecdsa' ? 521 : 0);
  if (keyType === 'rsa' && bits < 2048)
    diags.error('rsa temporary keys need at least 2048 bits', ['ssh_temporary_key_pair_bits']);
  if (keyType === 'ecdsa' && ![256, 384, 521].includes(bits))
    diags.error('ecdsa temporary keys have 256, 384 or 521 bits', ['ssh_temporary_key_pair_bits']);
  const config: CommunicatorConfig = {
    type: type === 'none' ? 'none' : 'ssh',
    host: s('ssh_host') ?? '',
    port: n('ssh_port') ?? defaults.port ?? 22,
    username: s('ssh_username') ?? '',
    agentAuth: v.ssh_agent_auth === true,
    timeoutMs: dur('ssh_timeout', defaults.timeoutMs ?? 300_000),
    handshakeAttempts: n('ssh_handshake_attempts') ?? 10,
    keepAliveIntervalMs: dur('ssh_keep_alive_interval', 5000, true),
    readWriteTimeoutMs: dur('ssh_read_write_timeout', 0),
    pty: v.ssh_pty === true,
    fileTransferMethod: method === 'sftp' ? 'sftp' : 'scp',
    temporaryKeyPair: { type: keyType, bits },
    pauseBeforeConnectingMs: dur('pause_before_connecting', 0),
  };
  const password = s('ssh_password');
  if (password !== undefined) config.password = password;
  const keyFile = s('ssh_private_key_file');
  if (keyFile !== undefined) {
    config.privateKeyFile = keyFile;
    if (!existsSync(keyFile))
      diags.error(`ssh_private_key_file "${keyFile}" does not exist`, ['ssh_private_key_file']);
  }
  if (Array.isArray(v.ssh_ciphers) && v.ssh_ciphers.length) config.ciphers = v.ssh_ciphers as string[];
  if (Array.isArray(v.ssh_key_exchange_algorithms) && v.ssh_key_exchange_algorithms.length)
    config.keyExchangeAlgorithms = v.ssh_key_exchange_algorithms as string[];
  if (config.handshakeAttempts < 1)
    diags.error('ssh_handshake_attempts must be at least 1', ['ssh_handshake_attempts']);
  if (config.port < 0 || config.port > 65535) diags.error('ssh_port is not a port', ['ssh_port']);
  const bastionHost = s('ssh_bastion_host');
  if (bastionHost) {
    config.bastion = {
      host: bastionHost,
      port: n('ssh_bastion_port') ?? 22,
      username: s('ssh_bastion_username') ?? '',
      agentAuth: v.ssh_bastion_agent_auth === true,
    };
    const bp = s('ssh_bastion_password');
    if (bp !== undefined) config.bastion.password = bp;
    const bk = s('ssh_bastion_private_key_file');
    if (bk !== undefined) {
      config.bastion.privateKeyFile = bk;
      if (!existsSync(bk))
        diags.error(`ssh_bastion_private_key_file "${bk}" does not exist`, ['ssh_bastion_private_key_file']);
    }
    if (!config.bastion.username)
      diags.error('ssh_bastion_username is required with ssh_bastion_host', ['ssh_bastion_username']);
    if (!bp && !bk && !config.bastion.agentAuth)
      diags.error(
        'ssh_bastion_host needs ssh_bastion_password, ssh_bastion_private_key_file or ssh_bastion_agent_auth',
        ['ssh_bastion_host'],
      );
  }
  if (config.type === 'ssh' && !config.username)
    diags.error('An ssh_username must be specified', ['ssh_username'], 'Packer calls it the same.');
  if (config.agentAuth && !process.env.SSH_AUTH_SOCK)
    diags.warning('ssh_agent_auth is set but SSH_AUTH_SOCK is not: no agent to ask', ['ssh_agent_auth']);
  return config;
}
