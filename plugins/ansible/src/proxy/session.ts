import type { Communicator } from '@kiln/plugin-sdk';
import type ssh2 from 'ssh2';
import { parseScp, serveScp } from './scp-server.js';
import { serveSftp } from './sftp-server.js';

/** What a session needs from its proxy. */
export interface SessionOptions {
  comm: Communicator;
  spoolDir: string;
  /** Aborted when the proxy closes. */
  signal: AbortSignal;
  sftpCommand?: string;
  log(line: string): void;
}

/**
 * One SSH session: a pty or environment request is acknowledged (the
 * communicator decides those), then one exec or subsystem is served.
 */
export function serveSession(session: ssh2.Session, o: SessionOptions): void {
  session.on('pty', (accept) => accept?.());
  session.on('env', (accept) => accept?.());
  session.on('window-change', (accept) => accept?.());
  session.on('shell', (_accept, reject) => reject?.());
  session.on('exec', (accept, _reject, info) => {
    const channel = accept();
    const stop = stopper(channel, o.signal);
    void runExec(info.command, channel, o, stop.signal).then(
      (status) => {
        stop.dispose();
        finish(channel, status);
      },
      (e: Error) => {
        stop.dispose();
        o.log(`proxy: ${info.command}: ${e.message}`);
        if (!stop.signal.aborted) channel.stderr.write(`kiln: ${e.message}\n`);
        finish(channel, 1);
      },
    );
  });
  if (!o.sftpCommand) {
    session.on('sftp', (accept) => {
      // Requests in flight finish even if the client leaves; the proxy's close stops them.
      serveSftp(accept(), { comm: o.comm, spoolDir: o.spoolDir, signal: o.signal, log: o.log });
    });
  }
  session.on('subsystem', (accept, reject, info) => {
    if (info.name !== 'sftp' || !o.sftpCommand) {
      o.log(`proxy: unsupported subsystem ${info.name}`);
      return reject?.();
    }
    const channel = accept();
    const stop = stopper(channel, o.signal);
    void remote(o.sftpCommand, channel, o.comm, stop.signal).then(
      (status) => {
        stop.dispose();
        finish(channel, status);
      },
      (e: Error) => {
        stop.dispose();
        o.log(`proxy: ${o.sftpCommand}: ${e.message}`);
        finish(channel, 1);
      },
    );
  });
}

function runExec(command: string, channel: ssh2.ServerChannel, o: SessionOptions, signal: AbortSignal) {
  const scp = command.startsWith('scp ') ? parseScp(command.slice(4)) : undefined;
  if (scp) return serveScp(scp, channel, o.comm, o.spoolDir, signal).then(() => 0);
  return remote(command, channel, o.comm, signal);
}

function remote(command: string, channel: ssh2.ServerChannel, comm: Communicator, signal: AbortSignal) {
  return comm.exec(
    {
      command,
      stdin: channel,
      stdout: (c) => channel.write(c),
      stderr: (c) => channel.stderr.write(c),
    },
    signal,
  );
}

function finish(channel: ssh2.ServerChannel, status: number): void {
  if (channel.destroyed || channel.writableEnded) return;
  try {
    channel.exit(status);
    channel.end();
  } catch {}
}

/**
 * An AbortSignal for one channel's command: aborted when the proxy closes or
 * the client goes away while it runs; `dispose` once it has finished.
 */
function stopper(channel: { on(event: 'close', f: () => void): unknown }, parent: AbortSignal) {
  const ac = new AbortController();
  let running = true;
  const onParent = () => ac.abort(parent.reason);
  parent.addEventListener('abort', onParent, { once: true });
  channel.on('close', () => {
    if (running) ac.abort(new Error('the client closed the channel'));
  });
  return {
    signal: ac.signal,
    dispose: () => {
      running = false;
      parent.removeEventListener('abort', onParent);
    },
  };
}
