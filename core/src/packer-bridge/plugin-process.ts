import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describeExit, type ExitStatus, PluginStartError } from '@kiln/plugin-sdk';
import { PluginCrashedError } from '../plugin-host/crashed-error.js';
import { PACKER_MAGIC_COOKIE_KEY, PACKER_MAGIC_COOKIE_VALUE, parsePackerHandshake } from './handshake.js';
import { RpcClient } from './rpc/msgpack-rpc.js';
import { MuxBroker } from './rpc/mux-broker.js';

/** The kinds of component a Packer plugin process serves, as `start` names them. */
export type PackerComponentKind = 'builder' | 'provisioner' | 'post-processor' | 'datasource';

/** Which binary, and which of its components, to start. */
export interface PackerProcessSpec {
  /** The plugin's source or name, for messages (e.g. "github.com/hashicorp/qemu"). */
  name: string;
  version: string;
  path: string;
  kind: PackerComponentKind;
  /** The component's name inside the binary (or the SDK's default name). */
  component: string;
  /** Receives each stderr line (the plugin's log). */
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

const STDERR_TAIL = 20;
const live = new Set<PackerProcess>();
let hooked = false;

/**
 * One running component of a Packer plugin binary (Packer starts one process
 * per component instance): the process, its private temp directory, the
 * yamux broker and the RPC client on stream 0. Disposing it closes the
 * connection (the plugin then exits), and kills what is left.
 */
export class PackerProcess implements AsyncDisposable {
  readonly spec: PackerProcessSpec;
  readonly child: ChildProcess;
  readonly broker: MuxBroker;
  readonly client: RpcClient;
  readonly exited: Promise<ExitStatus>;
  readonly #tmp: string;
  readonly #tail: string[];
  #exit: ExitStatus | undefined;
  #disposed = false;

  private constructor(
    spec: PackerProcessSpec,
    child: ChildProcess,
    tmp: string,
    tail: string[],
    exited: Promise<ExitStatus>,
    broker: MuxBroker,
    client: RpcClient,
  ) {
    this.spec = spec;
    this.child = child;
    this.#tmp = tmp;
    this.#tail = tail;
    this.exited = exited;
    this.broker = broker;
    this.client = client;
    exited.then((e) => {
      this.#exit = e;
    });
  }

  /** Starts the component and connects to it. */
  static async start(spec: PackerProcessSpec): Promise<PackerProcess> {
    const args = ['start', spec.kind, '--protobuf', spec.component];
    const identity = { name: spec.name, version: spec.version, command: spec.path, args };
    const tmp = mkdtempSync(join(tmpdir(), 'kiln-packer-'));
    const child = spawn(spec.path, args, {
      env: {
        ...process.env,
        [PACKER_MAGIC_COOKIE_KEY]: PACKER_MAGIC_COOKIE_VALUE,
        PACKER_PLUGIN_MIN_PORT: '10000',
        PACKER_PLUGIN_MAX_PORT: '25000',
        TMPDIR: tmp,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    track();
    const tail: string[] = [];
    const stderrDone = new Promise<void>((resolve) => {
      if (!child.stderr) return resolve();
      const rl = createInterface({ input: child.stderr });
      rl.on('line', (line) => {
        tail.push(line);
        if (tail.length > STDERR_TAIL) tail.shift();
        spec.log?.(line);
      });
      rl.on('close', () => resolve());
    });
    const exited = new Promise<ExitStatus>((resolve) => {
      child.on('error', () => resolve({ code: null, signal: null }));
      child.on('exit', (code, signal) => {
        stderrDone.then(() => resolve({ code, signal }));
      });
    });
    const fail = (
      reason: 'spawn' | 'garbage' | 'exited' | 'timeout' | 'protocol',
      detail: string,
      exit?: ExitStatus,
    ) => new PluginStartError(identity, reason, detail, { stderrTail: [...tail], ...(exit ? { exit } : {}) });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(fail('timeout', `no handshake within ${spec.startTimeoutMs ?? 60_000} ms`)),
          spec.startTimeoutMs ?? 60_000,
        );
        child.on('error', (e) => {
          clearTimeout(timer);
          reject(fail('spawn', e.message));
        });
        const rl = createInterface({ input: child.stdout! });
        rl.once('line', (l) => {
          clearTimeout(timer);
          resolve(l);
        });
        exited.then((e) => {
          clearTimeout(timer);
          reject(fail('exited', `it exited with ${describeExit(e)} before it printed its address`, e));
        });
      });
      let hs: ReturnType<typeof parsePackerHandshake>;
      try {
        hs = parsePackerHandshake(line);
      } catch (e) {
        throw fail('protocol', (e as Error).message);
      }
      const socket = await new Promise<import('node:net').Socket>((resolve, reject) => {
        const s =
          hs.network === 'unix'
            ? connect(hs.address)
            : connect(Number(hs.address.split(':').pop()), hs.address.split(':')[0]);
        s.once('connect', () => resolve(s));
        s.once('error', (e) => reject(fail('protocol', `cannot connect to ${hs.address}: ${e.message}`)));
      });
      const broker = new MuxBroker(socket);
      const client = new RpcClient(await broker.dial(0));
      const p = new PackerProcess(spec, child, tmp, tail, exited, broker, client);
      live.add(p);
      return p;
    } catch (e) {
      child.kill('SIGKILL');
      await exited;
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  /** The error to report when a call failed because the process died; undefined while it runs. */
  crashError(): PluginCrashedError | undefined {
    if (!this.#exit || this.#disposed) return undefined;
    return new PluginCrashedError(
      {
        name: this.spec.name,
        version: this.spec.version,
        command: this.spec.path,
        args: ['start', this.spec.kind, this.spec.component],
      },
      this.#exit,
      [...this.#tail],
    );
  }

  /**
   * Rewrites a failed call's error: the crash report when the process died
   * (waiting briefly for its exit), the plugin's own message otherwise.
   */
  async explain(error: unknown): Promise<Error> {
    if (!this.#exit && this.broker.session.closed)
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    return this.crashError() ?? (error as Error);
  }

  /** Closes the connection, waits up to `graceMs` for the process to exit, then kills it. */
  async dispose(graceMs = 5000): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    live.delete(this);
    this.broker.close();
    this.child.stdin?.end();
    if (!this.#exit) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(true), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        this.child.kill('SIGKILL');
        await this.exited;
      }
    }
    this.removeTemp();
  }

  /** The process's private temp directory ($TMPDIR of the plugin). */
  get tempDir(): string {
    return this.#tmp;
  }

  /** Removes the process's private temp directory. */
  removeTemp(): void {
    rmSync(this.#tmp, { recursive: true, force: true });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** Kills every Packer plugin process still running when Kiln exits, however it exits. */
function track(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const p of live) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      p.removeTemp();
    }
  });
}

/** Disposes every Packer plugin process still running (the run is over). */
export async function disposeAllPackerProcesses(graceMs = 5000): Promise<void> {
  await Promise.all([...live].map((p) => p.dispose(graceMs)));
}
