import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import type { Communicator } from '@kiln/plugin-sdk';
import { proxyKeys } from './keys.js';
import { SshProxy } from './ssh-proxy.js';

/** A communicator onto this machine's own shell and files (a stand-in for docker or SSH). */
const localComm: Communicator = {
  exec(cmd, signal) {
    return new Promise((resolve) => {
      const c = spawn('sh', ['-c', cmd.command], { ...(signal ? { signal } : {}) });
      c.on('error', () => {});
      c.stdout.on('data', (d: Buffer) => cmd.stdout?.(d));
      c.stderr.on('data', (d: Buffer) => cmd.stderr?.(d));
      if (cmd.stdin) cmd.stdin.pipe(c.stdin);
      else c.stdin.end();
      c.on('close', (code) => resolve(code ?? 1));
    });
  },
  async upload(destination, source) {
    await mkdir(dirname(destination), { recursive: true });
    await pipeline(source, createWriteStream(destination));
  },
  async uploadDir() {
    throw new Error('not used');
  },
  async download(source, destination) {
    await pipeline(createReadStream(source), destination);
  },
  async downloadDir() {
    throw new Error('not used');
  },
};

const haveOpenSsh =
  spawnSync('sh', ['-c', 'command -v ssh && command -v sftp && command -v scp'], {
    stdio: 'ignore',
  }).status === 0;

function client(
  program: string,
  args: string[],
  input?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const c = spawn(program, args);
    let out = '';
    let err = '';
    c.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    c.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    c.stdin.end(input ?? '');
    c.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('the SSH proxy with OpenSSH clients', {
  skip: haveOpenSsh ? false : 'needs ssh, sftp and scp (apt-get install openssh-client)',
}, () => {
  let dir: string;
  let proxy: SshProxy;
  let opts: string[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-ansible-proxy-test-'));
    const keys = await proxyKeys('ECDSA', dir);
    proxy = await SshProxy.start({
      comm: localComm,
      keys,
      user: 'kiln',
      localPort: 0,
      spoolDir: dir,
      log: () => {},
    });
    opts = [
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'BatchMode=yes',
      '-i',
      keys.privateKeyFile!,
    ];
  });
  after(async () => {
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a command with its stdin, stdout, stderr and exit status', async () => {
    const r = await client(
      'ssh',
      [...opts, '-p', String(proxy.port), 'kiln@127.0.0.1', 'cat; echo to-err >&2; exit 3'],
      'from-stdin\n',
    );
    assert.equal(r.code, 3);
    assert.equal(r.out, 'from-stdin\n');
    assert.match(r.err, /to-err/);
  });

  it('refuses another user and another key', async () => {
    const r = await client('ssh', [...opts, '-p', String(proxy.port), 'someone@127.0.0.1', 'true']);
    assert.equal(r.code, 255);
    await mkdir(join(dir, 'other'));
    const other = await proxyKeys('ECDSA', join(dir, 'other'));
    const withOther = opts.map((o) =>
      o.endsWith('ansible-key') && !o.includes('/other/') ? other.privateKeyFile! : o,
    );
    const r2 = await client('ssh', [...withOther, '-p', String(proxy.port), 'kiln@127.0.0.1', 'true']);
    assert.equal(r2.code, 255);
  });

  it('serves SFTP puts and gets through the communicator', async () => {
    const src = join(dir, 'src.txt');
    await writeFile(src, 'sftp payload\n');
    const ok = await client(
      'sftp',
      ['-b', '-', ...opts, '-P', String(proxy.port), 'kiln@127.0.0.1'],
      `put ${src} ${join(dir, 'sub', 'put.txt')}\nget ${join(dir, 'sub', 'put.txt')} ${join(dir, 'got.txt')}\n`,
    );
    assert.equal(ok.code, 0, ok.err);
    assert.equal(await readFile(join(dir, 'got.txt'), 'utf8'), 'sftp payload\n');
  });

  it('serves legacy scp (scp -O) uploads and downloads', async () => {
    const src = join(dir, 'scp-src.txt');
    await writeFile(src, 'scp payload\n');
    const up = await client('scp', [
      '-O',
      ...opts,
      '-P',
      String(proxy.port),
      src,
      `kiln@127.0.0.1:${join(dir, 'scp-up.txt')}`,
    ]);
    assert.equal(up.code, 0, up.err);
    assert.equal(await readFile(join(dir, 'scp-up.txt'), 'utf8'), 'scp payload\n');
    const down = await client('scp', [
      '-O',
      ...opts,
      '-P',
      String(proxy.port),
      `kiln@127.0.0.1:${join(dir, 'scp-up.txt')}`,
      join(dir, 'scp-down.txt'),
    ]);
    assert.equal(down.code, 0, down.err);
    assert.equal(await readFile(join(dir, 'scp-down.txt'), 'utf8'), 'scp payload\n');
  });
});
