import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { TOKEN_METADATA_KEY } from '@kiln/proto';
import { services } from '../rpc/contract.js';

/** A line the plugin sent to the Ui service. */
export interface UiRecord {
  method: 'Say' | 'Message' | 'Error' | 'Ask' | 'Progress';
  sessionId: string;
  text: string;
  at: number;
}

/** A Hook.Run call the plugin made. */
export interface HookRecord {
  sessionId: string;
  name: string;
  at: number;
  /** When the plugin cancelled the call (it propagated a cancel), if it did. */
  cancelledAt?: number;
  /** Resolves when the plugin cancels the call. */
  cancelled: Promise<void>;
}

type Handler = (call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => void;

/**
 * The kit's stand-in for core: serves Ui and Hook on its own unix socket,
 * refuses calls without its token, and records what the plugin did. Its
 * Hook.Run blocks until the plugin cancels the call (or the server stops).
 */
export class FakeCore implements AsyncDisposable {
  readonly token = randomBytes(16).toString('hex');
  readonly ui: UiRecord[] = [];
  readonly hooks: HookRecord[] = [];
  /** Calls refused for a missing or wrong core token. */
  readonly refused: string[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'kiln-conformance-core-'));
  readonly address = `unix:${join(this.dir, 'core.sock')}`;
  #server = new grpc.Server();
  #hookWaiters: Array<(h: HookRecord) => void> = [];

  /** Starts listening. */
  async start(): Promise<void> {
    const v1 = services().kiln.plugin.v1;
    const ui =
      (method: UiRecord['method']): Handler =>
      (call, cb) => {
        if (!this.#authorized(call, `Ui.${method}`, cb)) return;
        const req = call.request as { sessionId?: string; text?: string; label?: string };
        this.ui.push({
          method,
          sessionId: req.sessionId ?? '',
          text: req.text ?? req.label ?? '',
          at: Date.now(),
        });
        if (method === 'Ask') {
          cb({ code: grpc.status.UNIMPLEMENTED, details: 'the conformance kit cannot answer questions' });
        } else cb(null, {});
      };
    this.#server.addService(v1.Ui.service, {
      Say: ui('Say'),
      Message: ui('Message'),
      Error: ui('Error'),
      Ask: ui('Ask'),
      Progress: ui('Progress'),
    });
    this.#server.addService(v1.Hook.service, { Run: this.#hookRun });
    await new Promise<void>((resolve, reject) =>
      this.#server.bindAsync(this.address, grpc.ServerCredentials.createInsecure(), (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  }

  #authorized(call: grpc.ServerUnaryCall<unknown, unknown>, what: string, cb: grpc.sendUnaryData<unknown>) {
    if (call.metadata.get(TOKEN_METADATA_KEY)[0] === this.token) return true;
    this.refused.push(what);
    cb({ code: grpc.status.UNAUTHENTICATED, details: `missing or wrong ${TOKEN_METADATA_KEY}` });
    return false;
  }

  #hookRun: Handler = (call, cb) => {
    if (!this.#authorized(call, 'Hook.Run', cb)) return;
    const req = call.request as { sessionId?: string; name?: string };
    let onCancel = () => {};
    const record: HookRecord = {
      sessionId: req.sessionId ?? '',
      name: req.name ?? '',
      at: Date.now(),
      cancelled: new Promise<void>((r) => {
        onCancel = r;
      }),
    };
    call.on('cancelled', () => {
      record.cancelledAt = Date.now();
      onCancel();
    });
    this.hooks.push(record);
    for (const w of this.#hookWaiters.splice(0)) w(record);
  };

  /** Resolves with the next Hook.Run call (or the first one already made). */
  nextHook(): Promise<HookRecord> {
    const first = this.hooks[0];
    if (first) return Promise.resolve(first);
    return new Promise((r) => this.#hookWaiters.push(r));
  }

  /** Stops the server (ending any blocked hook) and removes its socket directory. */
  async dispose(): Promise<void> {
    this.#server.forceShutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
