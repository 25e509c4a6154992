import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type ssh2 from 'ssh2';
import { loadSsh2 } from './load-ssh2.js';

/** Credentials and address of one SSH hop. */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
  password?: string;
  /** Private key text (OpenSSH or PEM). */
  privateKey?: string | Buffer;
  /** ssh-agent socket path. */
  agent?: string;
}

/** How to reach the machine: the target, maybe through a bastion. */
export interface DialOptions {
  target: SshTarget;
  bastion?: SshTarget;
  keepAliveIntervalMs: number;
  ciphers?: string[];
  keyExchangeAlgorithms?: string[];
}

/** An open connection: the client, and the bastion's client when there is one. */
export interface SshConnection {
  client: ssh2.Client;
  bastion?: ssh2.Client;
  close(): void;
}

/** An authentication failure: the server answered and refused the credentials. */
export class SshAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshAuthError';
  }
}

/**
 * No bytes came from the server within the banner wait: the port was open
 * (a VM's forwarded port accepts before the guest listens) but nothing
 * answered, or the server is slow to start its side (a first connection to
 * a server that makes its host key then, on a loaded machine).
 */
export class SshNoBannerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshNoBannerError';
  }
}

/** The first attempt waits this long for the server's first bytes; each attempt without them doubles it. */
const BANNER_WAIT_MS = 5000;
/** The longest banner wait. */
const MAX_BANNER_WAIT_MS = 60_000;

function clientConfig(t: SshTarget, o: DialOptions, sock: Duplex, readyTimeout: number): ssh2.ConnectConfig {
  const algorithms: ssh2.Algorithms = {};
  if (o.ciphers) algorithms.cipher = o.ciphers as ssh2.CipherAlgorithm[];
  if (o.keyExchangeAlgorithms) algorithms.kex = o.keyExchangeAlgorithms as ssh2.KexAlgorithm[];
  return {
    sock: sock as Socket,
    username: t.username,
    ...(t.password !== undefined ? { password: t.password, tryKeyboard: true } : {}),
    ...(t.privateKey !== undefined ? { privateKey: t.privateKey } : {}),
    ...(t.agent ? { agent: t.agent } : {}),
    readyTimeout,
    keepaliveInterval: Math.max(o.keepAliveIntervalMs, 0),
    keepaliveCountMax: 3,
    ...(Object.keys(algorithms).length ? { algorithms } : {}),
  };
}

/** Runs one SSH handshake over `sock`; rejects (SshAuthError on refused credentials). */
function handshake(
  t: SshTarget,
  o: DialOptions,
  sock: Duplex,
  readyTimeout: number,
  signal: AbortSignal,
  bannerWaitMs = BANNER_WAIT_MS,
): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new (loadSsh2().Client)();
    let banner = false;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(bannerTimer);
      signal.removeEventListener('abort', onAbort);
      if (err) {
        client.end();
        sock.destroy();
        reject(err);
      } else resolve(client);
    };
    const onAbort = () => finish(new Error('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    sock.once('data', () => {
      banner = true;
    });
    const bannerTimer = setTimeout(() => {
      if (!banner)
        finish(new SshNoBannerError(`no SSH banner from ${t.host}:${t.port} within ${bannerWaitMs / 1000}s`));
    }, bannerWaitMs);
    client.on('ready', () => finish());
    client.on('error', (err: Error & { level?: string }) => {
      if (err.level === 'client-authentication')
        finish(new SshAuthError(`ssh: unable to authenticate as "${t.username}": ${err.message}`));
      else finish(err);
    });
    client.on('close', () => finish(new Error('connection closed during the handshake')));
    // The server's side ended: the handshake cannot finish. This is all a
    // target behind a bastion ever shows when it goes away (a guest powering
    // off): the forwarded channel gets EOF but stays half open, so 'close'
    // never comes, and ssh2 stops its readyTimeout on 'end'.
    client.on('end', () => finish(new Error('connection closed during the handshake')));
    client.connect(clientConfig(t, o, sock, readyTimeout));
  });
}

function tcp(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = netConnect({ host, port });
    const timer = setTimeout(() => fail(new Error(`TCP connect to ${host}:${port} timed out`)), 10_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.destroy();
      reject(e);
    };
    const onAbort = () => fail(new Error('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    sock.once('connect', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.removeAllListeners('error');
      sock.on('error', () => {});
      resolve(sock);
    });
    sock.once('error', fail);
  });
}

function forward(bastion: ssh2.Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    bastion.forwardOut('127.0.0.1', 0, host, port, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

/** One connection attempt (through the bastion when set). */
export async function dialOnce(
  o: DialOptions,
  signal: AbortSignal,
  readyTimeout = 60_000,
  bannerWaitMs = BANNER_WAIT_MS,
): Promise<SshConnection> {
  let bastion: ssh2.Client | undefined;
  let sock: Duplex;
  if (o.bastion) {
    const b = o.bastion;
    bastion = await handshake(b, o, await tcp(b.host, b.port, signal), readyTimeout, signal);
    try {
      sock = await forward(bastion, o.target.host, o.target.port);
    } catch (e) {
      bastion.end();
      throw new Error(
        `bastion ${b.host}: cannot reach ${o.target.host}:${o.target.port}: ${(e as Error).message}`,
      );
    }
  } else {
    sock = await tcp(o.target.host, o.target.port, signal);
  }
  try {
    const client = await handshake(o.target, o, sock, readyTimeout, signal, bannerWaitMs);
    if (bastion) {
      // ssh2 does not notice a forwarded channel closing: the target dropped the connection.
      const dropped = () => {
        client.destroy();
        bastion?.end();
      };
      sock.once('close', dropped);
      sock.once('end', dropped);
      bastion.once('close', dropped);
    }
    return {
      client,
      ...(bastion ? { bastion } : {}),
      close() {
        client.end();
        bastion?.end();
      },
    };
  } catch (e) {
    bastion?.end();
    throw e;
  }
}

/** Options of {@link waitForSsh}. */
export interface WaitOptions {
  timeoutMs: number;
  /** Authentication failures tolerated before giving up. */
  handshakeAttempts: number;
  /** Pause between attempts. */
  intervalMs?: number;
  /** The first attempt's wait for the server's first bytes (5 s); doubled after each attempt without them. */
  bannerWaitMs?: number;
  signal: AbortSignal;
  /** Called with each failed attempt's reason (for the log). */
  onRetry?(error: Error, attempt: number): void;
  /** Rejects early when the machine is known to be gone (e.g. the VM exited). */
  alive?(): string | undefined;
}

/**
 * Connects, retrying every few hundred milliseconds while the machine boots,
 * until `timeoutMs`; refused credentials count against `handshakeAttempts`.
 */
export async function waitForSsh(o: DialOptions, w: WaitOptions): Promise<SshConnection> {
  const deadline = Date.now() + w.timeoutMs;
  const interval = w.intervalMs ?? 300;
  let authFailures = 0;
  let bannerWait = w.bannerWaitMs ?? BANNER_WAIT_MS;
  let last: Error | undefined;
  for (let attempt = 1; ; attempt++) {
    if (w.signal.aborted) throw new Error('cancelled while waiting for SSH');
    const dead = w.alive?.();
    if (dead) throw new Error(dead);
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new Error(
        `Timeout waiting for SSH after ${Math.round(w.timeoutMs / 1000)}s${last ? ` (last error: ${last.message})` : ''}`,
      );
    }
    const attemptSignal = AbortSignal.any([w.signal, AbortSignal.timeout(left)]);
    try {
      return await dialOnce(o, attemptSignal, Math.max(1000, Math.min(left, 60_000)), bannerWait);
    } catch (e) {
      // A server that is slow to say hello gets longer each time, so an
      // attempt never again stops it halfway through its start.
      if (e instanceof SshNoBannerError) bannerWait = Math.min(bannerWait * 2, MAX_BANNER_WAIT_MS);
      if (w.signal.aborted) throw new Error('cancelled while waiting for SSH');
      // An attempt cut short by the deadline says nothing new: keep the reason before it.
      if (!(attemptSignal.aborted && last)) last = e as Error;
      if (e instanceof SshAuthError) {
        authFailures++;
        if (authFailures >= w.handshakeAttempts) throw e;
      }
      w.onRetry?.(last, attempt);
    }
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())), undefined, {
      signal: w.signal,
    }).catch(() => {});
  }
}
