import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Handshake, parseHandshake } from '@kiln/proto';
import { describeExit, type ExitStatus, type PluginIdentity, PluginStartError } from './errors.js';
import { RingBuffer, splitLines } from './line-splitter.js';
import { pluginEnvironment, takePrestarted } from './prestart.js';
import { trackChild } from './reaper.js';
import { ownedTempPrefix } from './stale-temp.js';

/** Environment variable that overrides the default start timeout (milliseconds). */
export const ENV_START_TIMEOUT = 'KILN_PLUGIN_START_TIMEOUT';
/** How long a plugin may take to print its handshake unless told otherwise. */
export const DEFAULT_START_TIMEOUT_MS = 60_000;

/** What {@link launchPlugin} needs to start one plugin process. */
export interface LaunchOptions extends PluginIdentity {
  args: readonly string[];
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Parent of the fresh private socket directory; default: the OS temp directory. */
  socketDir?: string;
  /** Default: $KILN_PLUGIN_START_TIMEOUT, else 60000. */
  startTimeoutMs?: number;
  /** Protocol versions this side accepts. */
  protocolVersions: readonly number[];
  /** The magic cookie value to send; `null` sends none (negative tests). */
  cookie?: string | null;
  /** The token the plugin must require on every call; default: 32 random bytes, hex. */
  token?: string;
  /** Receives each stderr line (and stdout lines after the handshake) as they arrive. */
  log?: (line: string, stream: 'stderr' | 'stdout') => void;
  /** How many stderr lines {@link LaunchedPlugin.stderrTail} keeps; default 20. */
  stderrTailLines?: number;
}

/** A running plugin process that completed its handshake. Owns the process and its socket directory. */
export interface LaunchedPlugin extends AsyncDisposable {
  readonly identity: PluginIdentity;
  readonly handshake: Handshake;
  /** The token to send as `kiln-token` metadata on every call to the plugin. */
  readonly token: string;
  readonly process: ChildProcess;
  readonly pid: number;
  readonly socketDir: string;
  /** The last lines the plugin wrote on stderr. */
  stderrTail(): string[];
  /** Resolves when the process has exited and its stderr is drained. */
  readonly exited: Promise<ExitStatus>;
  /** The exit status once it exited, else undefined. */
  exitStatus(): ExitStatus | undefined;
  /** Sends a signal (default SIGKILL) to the process. */
  kill(signal?: NodeJS.Signals): void;
  /**
   * Stops the plugin: closes its stdin, waits `graceMs` (default 2000), sends
   * SIGTERM, waits again, sends SIGKILL; then removes the socket directory.
   * Idempotent.
   */
  dispose(graceMs?: number): Promise<void>;
}

function startTimeout(opts: LaunchOptions): number {
  if (opts.startTimeoutMs !== undefined) return opts.startTimeoutMs;
  const fromEnv = Number(process.env[ENV_START_TIMEOUT]);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_START_TIMEOUT_MS;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Starts a plugin process and waits for its handshake line. Rejects with a
 * {@link PluginStartError} naming the plugin when it cannot be spawned,
 * writes anything else first, exits, is too slow or speaks an unsupported
 * protocol; the process is killed and the socket directory removed then.
 */
export async function launchPlugin(opts: LaunchOptions): Promise<LaunchedPlugin> {
  const identity: PluginIdentity = {
    name: opts.name,
    command: opts.command,
    args: opts.args,
    ...(opts.version ? { version: opts.version } : {}),
  };
  // A process the kiln binary started for this very launch before core
  // loaded (launch/prestart.ts) is taken over; only a launch with the
  // defaults can match one.
  const prestarted =
    opts.token === undefined && opts.cookie === undefined && opts.cwd === undefined && !opts.env
      ? takePrestarted({
          name: opts.name,
          ...(opts.version ? { version: opts.version } : {}),
          command: opts.command,
          args: [...opts.args],
          protocolVersions: [...opts.protocolVersions],
          socketParent: opts.socketDir ?? tmpdir(),
        })
      : undefined;
  const token = prestarted?.token ?? opts.token ?? randomBytes(32).toString('hex');
  const socketDir =
    prestarted?.socketDir ?? mkdtempSync(join(opts.socketDir ?? tmpdir(), ownedTempPrefix('kiln-plugin')));
  const tail = new RingBuffer(opts.stderrTailLines ?? 20);
  const child =
    prestarted?.child ??
    spawn(opts.command, [...opts.args], {
      env: pluginEnvironment(opts, socketDir, token),
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  const untrack = trackChild(child, socketDir);
  child.stdin.on('error', () => {});

  let status: ExitStatus | undefined;
  let spawnError: Error | undefined;
  const stderrDone = new Promise<void>((r) => child.stderr.once('close', r));
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      status = { code, signal };
      void Promise.race([stderrDone, sleep(250)]).then(() => resolve(status!));
    });
    child.once('error', (err) => {
      spawnError = err;
      if (child.pid === undefined) {
        status = { code: null, signal: null };
        resolve(status);
      }
    });
  });
  void exited.then(untrack);

  splitLines(child.stderr, (line) => {
    tail.push(line);
    opts.log?.(line, 'stderr');
  });

  const cleanupFailed = async () => {
    if (!status) child.kill('SIGKILL');
    await exited;
    rmSync(socketDir, { recursive: true, force: true });
  };

  const timeoutMs = startTimeout(opts);
  let handshake: Handshake;
  try {
    handshake = await waitForHandshake(child, identity, opts, exited, timeoutMs, tail, () => spawnError);
  } catch (error) {
    await cleanupFailed();
    throw error;
  }

  let disposing: Promise<void> | undefined;
  const dispose = (graceMs = 2000): Promise<void> => {
    disposing ??= (async () => {
      if (!status) {
        child.stdin.end();
        await Promise.race([exited, sleep(graceMs)]);
      }
      if (!status) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(graceMs)]);
      }
      if (!status) child.kill('SIGKILL');
      await exited;
      rmSync(socketDir, { recursive: true, force: true });
    })();
    return disposing;
  };

  return {
    identity,
    handshake,
    token,
    process: child,
    pid: child.pid!,
    socketDir,
    stderrTail: () => tail.snapshot(),
    exited,
    exitStatus: () => status,
    kill: (signal = 'SIGKILL') => {
      if (!status) child.kill(signal);
    },
    dispose,
    [Symbol.asyncDispose]: () => dispose(),
  };
}

function waitForHandshake(
  child: ChildProcess,
  identity: PluginIdentity,
  opts: LaunchOptions,
  exited: Promise<ExitStatus>,
  timeoutMs: number,
  tail: RingBuffer,
  spawnError: () => Error | undefined,
): Promise<Handshake> {
  return new Promise<Handshake>((resolve, reject) => {
    let done = false;
    const fail = (error: PluginStartError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      fail(
        new PluginStartError(
          identity,
          'timeout',
          `it did not print its handshake within ${timeoutMs} ms and was stopped. ` +
            `If it is just slow to start, set ${ENV_START_TIMEOUT} to a larger number of milliseconds.`,
          { stderrTail: tail.snapshot() },
        ),
      );
    }, timeoutMs);
    splitLines(child.stdout!, (line) => {
      if (done) {
        opts.log?.(line, 'stdout');
        return;
      }
      const parsed = parseHandshake(line);
      if ('error' in parsed) {
        const what = line.includes('|')
          ? `its handshake line ${JSON.stringify(line)} is invalid (${parsed.error})`
          : `it wrote ${JSON.stringify(line)} on stdout before its handshake line`;
        fail(
          new PluginStartError(
            identity,
            'garbage',
            `${what}. A plugin must write only the handshake on stdout; logs belong on stderr.`,
            { stderrTail: tail.snapshot() },
          ),
        );
        return;
      }
      if (!opts.protocolVersions.includes(parsed.protocol)) {
        fail(
          new PluginStartError(
            identity,
            'protocol',
            `it speaks plugin protocol ${parsed.protocol}, but this side accepts only ` +
              `${opts.protocolVersions.join(', ')}. Install a version of the plugin that supports ` +
              `protocol ${opts.protocolVersions.join(' or ')}.`,
          ),
        );
        return;
      }
      done = true;
      clearTimeout(timer);
      resolve(parsed);
    });
    void exited.then((status) => {
      const err = spawnError();
      if (err && child.pid === undefined) {
        fail(
          new PluginStartError(identity, 'spawn', `${err.message}. Is the plugin installed?`, { cause: err }),
        );
        return;
      }
      fail(
        new PluginStartError(
          identity,
          'exited',
          `it exited with ${describeExit(status)} before printing its handshake.`,
          { stderrTail: tail.snapshot(), exit: status },
        ),
      );
    });
  });
}
