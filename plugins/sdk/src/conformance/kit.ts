import { randomBytes } from 'node:crypto';
import { PROTOCOL_VERSION } from '@kiln/proto';
import { type LaunchedPlugin, type LaunchOptions, launchPlugin } from '../launch/index.js';
import { openClients, type PluginClients, startCall, unary } from './plugin-clients.js';
import { canInspectProcesses, type ProcessRef, processTree } from './process-tree.js';
import type { ResolvedTarget } from './target.js';
import {
  type CheckResult,
  type CheckStatus,
  type ConformanceOptions,
  type ConformanceTimeouts,
  DEFAULT_TIMEOUTS,
} from './types.js';

/** What a check function returns. */
export interface Outcome {
  status: CheckStatus;
  reason: string;
  details?: string[];
}

export const pass = (reason: string, details?: string[]): Outcome => ({ status: 'pass', reason, details });
export const fail = (reason: string, details?: string[]): Outcome => ({ status: 'fail', reason, details });
export const skip = (reason: string): Outcome => ({ status: 'skip', reason: `not run: ${reason}` });

type ClientName = keyof Omit<PluginClients, 'close'>;

/** One running plugin process under test, with raw clients to it. Disposing stops it. */
export class Session implements AsyncDisposable {
  constructor(
    readonly plugin: LaunchedPlugin,
    readonly clients: PluginClients,
    private readonly kit: Kit,
  ) {}

  /** A unary call with the kit's call timeout; `token` defaults to the right one, `null` sends none. */
  call<T>(client: ClientName, method: string, request: unknown, token: string | null = this.plugin.token) {
    return unary<T>(this.clients[client], method, request, token ?? undefined, this.kit.timeouts.callMs);
  }

  /** A call without a deadline, to be cancelled by the caller (Run). */
  start<T>(client: ClientName, method: string, request: unknown) {
    return startCall<T>(this.clients[client], method, request, this.plugin.token);
  }

  /** Records the process and its descendants as they are now, for the leak check. */
  snapshot(): void {
    this.kit.trackTree(this.plugin.pid);
  }

  async dispose(): Promise<void> {
    this.snapshot();
    this.clients.close();
    await this.plugin.dispose(Math.min(2000, this.kit.timeouts.exitMs));
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** Shared state of one conformance run: the target, the bounds, what was started, the results. */
export class Kit {
  readonly timeouts: ConformanceTimeouts;
  readonly results: CheckResult[] = [];
  readonly processes = new Map<string, ProcessRef>();
  readonly socketPaths = new Set<string>();
  readonly socketDirs = new Set<string>();
  /** Lines plugins wrote on stdout after their handshake (stdout is for the handshake only). */
  readonly stdoutNoise: string[] = [];
  plugin: { name: string; version: string; sdk: string } | undefined;
  /** Set in every plugin process's environment, to find its descendants even once orphaned. */
  readonly marker = { name: 'KILN_CONFORMANCE_RUN', value: randomBytes(8).toString('hex') };

  constructor(
    readonly target: ResolvedTarget,
    readonly options: ConformanceOptions,
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  }

  /** Runs one check, timing it; an exception is a failure with its message. */
  async check(id: string, title: string, fn: () => Promise<Outcome>): Promise<CheckResult> {
    const t0 = Date.now();
    let outcome: Outcome;
    try {
      outcome = await fn();
    } catch (e) {
      outcome = fail((e as Error)?.message ?? String(e));
    }
    const result: CheckResult = {
      id,
      title,
      status: outcome.status,
      reason: outcome.reason,
      details: outcome.details ?? [],
      durationMs: Date.now() - t0,
    };
    this.results.push(result);
    this.options.onCheck?.(result);
    return result;
  }

  /** Launch options for the target, with overrides for negative tests. */
  launchOptions(overrides: Partial<LaunchOptions> = {}): LaunchOptions {
    const t = this.target;
    return {
      name: this.plugin?.name ?? t.name,
      version: this.plugin?.version ?? t.version,
      command: t.command,
      args: t.args,
      cwd: t.cwd,
      env: { ...this.options.env, [this.marker.name]: this.marker.value },
      protocolVersions: [PROTOCOL_VERSION],
      startTimeoutMs: this.timeouts.startMs,
      log: (line, stream) => {
        if (stream === 'stdout') this.stdoutNoise.push(line);
        this.options.log?.(`[plugin] ${line}`);
      },
      ...overrides,
    };
  }

  /** Starts the plugin and opens clients to it; the caller owns the session. */
  async launch(overrides: Partial<LaunchOptions> = {}): Promise<Session> {
    const plugin = await launchPlugin(this.launchOptions(overrides));
    this.socketDirs.add(plugin.socketDir);
    if (plugin.handshake.network === 'unix') this.socketPaths.add(plugin.handshake.address);
    this.trackTree(plugin.pid);
    return new Session(plugin, openClients(plugin.handshake), this);
  }

  /** Remembers a process tree for the leak check. */
  trackTree(pid: number): void {
    if (!canInspectProcesses()) return;
    for (const p of processTree(pid)) this.processes.set(`${p.pid}:${p.startTime}`, p);
  }
}
