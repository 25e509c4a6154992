import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Step } from '../steps.js';
import type { CommunicatorConfig, SshEndpoint } from './config.js';
import type { DialOptions, SshTarget } from './dial.js';
import { SshCommunicator } from './ssh-communicator.js';

function target(e: SshEndpoint, privateKey: string | undefined): SshTarget {
  const key = e.privateKeyFile ? readFileSync(e.privateKeyFile) : privateKey;
  return {
    host: e.host,
    port: e.port,
    username: e.username,
    ...(e.password !== undefined ? { password: e.password } : {}),
    ...(key !== undefined ? { privateKey: key } : {}),
    ...(e.agentAuth && process.env.SSH_AUTH_SOCK ? { agent: process.env.SSH_AUTH_SOCK } : {}),
  };
}

/**
 * Dial options from the communicator settings; `host`/`port` are used where
 * ssh_host/ssh_port are not set; `privateKey` is a temporary key's private half.
 */
export function dialOptions(
  c: CommunicatorConfig,
  host: string,
  port: number,
  privateKey?: string,
): DialOptions {
  const endpoint: SshEndpoint = {
    host: c.host || host,
    port: c.host ? c.port : port || c.port,
    username: c.username,
    agentAuth: c.agentAuth,
    ...(c.password !== undefined ? { password: c.password } : {}),
    ...(c.privateKeyFile !== undefined ? { privateKeyFile: c.privateKeyFile } : {}),
  };
  return {
    target: target(endpoint, privateKey),
    ...(c.bastion ? { bastion: target(c.bastion, undefined) } : {}),
    keepAliveIntervalMs: c.keepAliveIntervalMs,
    ...(c.ciphers ? { ciphers: c.ciphers } : {}),
    ...(c.keyExchangeAlgorithms ? { keyExchangeAlgorithms: c.keyExchangeAlgorithms } : {}),
  };
}

/** How a builder plugs its state into {@link sshConnectStep}. */
export interface SshConnectStepOptions<S> {
  config(state: S): CommunicatorConfig;
  /** Where the machine listens when ssh_host/ssh_port are not set. */
  host(state: S): string;
  port(state: S): number;
  /** The private half of a temporary key pair, when the builder made one. */
  privateKey?(state: S): string | undefined;
  /** A reason when the machine is known to be gone (stops waiting at once). */
  alive?(state: S): string | undefined;
  set(state: S, communicator: SshCommunicator | undefined): void;
  log?(line: string): void;
}

/**
 * The step that waits for SSH (pause_before_connecting, retries until
 * ssh_timeout) and hands the communicator to the state; cleanup disconnects.
 * With communicator = "none" it does nothing.
 */
export function sshConnectStep<S>(o: SshConnectStepOptions<S>): Step<S> {
  let comm: SshCommunicator | undefined;
  return {
    name: 'connect-ssh',
    async run(state, { ui, signal }) {
      const c = o.config(state);
      if (c.type === 'none') return;
      if (c.pauseBeforeConnectingMs > 0) {
        ui.say(`Pausing ${c.pauseBeforeConnectingMs / 1000}s before connecting...`);
        await sleep(c.pauseBeforeConnectingMs, undefined, { signal });
      }
      const dial = dialOptions(c, o.host(state), o.port(state), o.privateKey?.(state));
      ui.say('Waiting for SSH to become available...');
      const started = Date.now();
      comm = await SshCommunicator.connect(
        {
          dial,
          pty: c.pty,
          fileTransferMethod: c.fileTransferMethod,
          reconnectTimeoutMs: c.timeoutMs,
          handshakeAttempts: c.handshakeAttempts,
          ...(o.log ? { log: o.log } : {}),
          ...(o.alive ? { alive: () => o.alive?.(state) } : {}),
        },
        {
          timeoutMs: c.timeoutMs,
          signal,
          ...(o.alive ? { alive: () => o.alive?.(state) } : {}),
        },
      );
      o.log?.(`[INFO] SSH connected after ${((Date.now() - started) / 1000).toFixed(1)}s`);
      ui.say('Connected to SSH!');
      o.set(state, comm);
    },
    async cleanup(state) {
      comm?.close();
      comm = undefined;
      o.set(state, undefined);
    },
  };
}
