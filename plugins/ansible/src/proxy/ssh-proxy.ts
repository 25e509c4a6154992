import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Communicator } from '@kiln/plugin-sdk';
import type ssh2 from 'ssh2';
import type { ProxyKeys } from './keys.js';
import { loadSsh2 } from './load-ssh2.js';
import { serveSession } from './session.js';

/** What one proxy serves, to whom, and where. */
export interface SshProxyOptions {
  comm: Communicator;
  keys: ProxyKeys;
  /** The only user name accepted. */
  user: string;
  /** First port to try (ten are tried, as Packer); 0: any free port. */
  localPort: number;
  /** Set: the sftp subsystem runs this on the machine; unset: the proxy serves SFTP itself. */
  sftpCommand?: string;
  /** A private local directory for files in flight. */
  spoolDir: string;
  log(line: string): void;
}

/**
 * A local SSH server on 127.0.0.1 that Ansible connects to in place of the
 * machine: public-key login with one key, exec requests run through the
 * build's communicator (stdin, stdout, stderr and exit status forwarded),
 * legacy scp (`scp -t`/`scp -f`) and SFTP served by translating to the
 * communicator's uploads and downloads. `close()` drops every connection and
 * stops what their commands were doing.
 */
export class SshProxy implements AsyncDisposable {
  readonly #server: ssh2.Server;
  readonly #clients: Set<ssh2.Connection>;
  readonly #abort: AbortController;
  #port = 0;

  private constructor(server: ssh2.Server, clients: Set<ssh2.Connection>, abort: AbortController) {
    this.#server = server;
    this.#clients = clients;
    this.#abort = abort;
  }

  /** The port it listens on (127.0.0.1). */
  get port(): number {
    return this.#port;
  }

  static async start(o: SshProxyOptions): Promise<SshProxy> {
    const { Server } = loadSsh2();
    const allowed = o.keys.authorizedKey;
    const allowedBlob = allowed.getPublicSSH();
    const clients = new Set<ssh2.Connection>();
    const abort = new AbortController();
    const server = new Server({ hostKeys: [o.keys.hostKey] }, (client) => {
      clients.add(client);
      client.on('close', () => clients.delete(client));
      client.on('error', (e) => o.log(`proxy: client: ${e.message}`));
      client.on('authentication', (ctx) => {
        if (ctx.method !== 'publickey' || ctx.username !== o.user) return ctx.reject(['publickey']);
        const blob = ctx.key.data;
        if (
          ctx.key.algo !== allowed.type ||
          blob.length !== allowedBlob.length ||
          !timingSafeEqual(blob, allowedBlob)
        )
          return ctx.reject(['publickey']);
        if (ctx.signature && allowed.verify(ctx.blob as Buffer, ctx.signature, ctx.hashAlgo) !== true)
          return ctx.reject(['publickey']);
        ctx.accept();
      });
      client.on('ready', () => {
        client.on('session', (accept) => {
          serveSession(accept(), {
            comm: o.comm,
            spoolDir: o.spoolDir,
            signal: abort.signal,
            log: o.log,
            ...(o.sftpCommand ? { sftpCommand: o.sftpCommand } : {}),
          });
        });
        client.on('request', (_accept, reject) => reject?.());
      });
    });
    server.on('error', (e: Error) => o.log(`proxy: ${e.message}`));
    const proxy = new SshProxy(server, clients, abort);
    proxy.#port = await listen(server, o.localPort);
    return proxy;
  }

  /** Stops listening, ends every connection and cancels the commands they started. */
  async close(): Promise<void> {
    this.#abort.abort(new Error('the SSH proxy closed'));
    for (const c of this.#clients) c.end();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

async function listen(server: ssh2.Server, first: number): Promise<number> {
  const tries = first ? 10 : 1;
  let last: Error | undefined;
  for (let i = 0; i < tries; i++) {
    const port = first ? first + i : 0;
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (e: Error) => reject(e);
        server.once('error', onError);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', onError);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (e) {
      last = e as Error;
    }
  }
  throw new Error(
    `could not listen on 127.0.0.1 ports ${first}-${first + tries - 1} for the SSH proxy: ${last?.message}; set local_port to a free port or leave it out`,
  );
}
