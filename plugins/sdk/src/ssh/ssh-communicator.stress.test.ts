import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stressCommunicator } from '../transfer/stress/run-stress.js';
import type { DialOptions } from './dial.js';
import { SshCommunicator } from './ssh-communicator.js';

const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const port = Number(process.env.KILN_SSHD_PORT ?? 2222);
const keyFile = join(stateDir, 'sshd', 'id_ed25519');
const user = process.env.USER ?? (process.getuid?.() === 0 ? 'root' : '');

function dial(): DialOptions {
  if (!existsSync(keyFile)) assert.fail(`needs the loopback sshd: run test/env/up.sh sshd (no ${keyFile})`);
  return {
    target: { host: '127.0.0.1', port, username: user, privateKey: readFileSync(keyFile) },
    keepAliveIntervalMs: 5000,
  };
}

// Every transfer opens a channel (scp) or a session (sftp), which costs far
// more than its bytes here: the counts are small and the sizes moderate.
const variants = [
  { name: 'scp', method: 'scp', bastion: false, smallFiles: 8, largeBytes: 8 << 20, treeFiles: 40 },
  { name: 'sftp', method: 'sftp', bastion: false, smallFiles: 8, largeBytes: 8 << 20, treeFiles: 40 },
  {
    name: 'scp through a bastion',
    method: 'scp',
    bastion: true,
    smallFiles: 2,
    largeBytes: 2 << 20,
    treeFiles: 10,
  },
  {
    name: 'sftp through a bastion',
    method: 'sftp',
    bastion: true,
    smallFiles: 2,
    largeBytes: 2 << 20,
    treeFiles: 10,
  },
] as const;

describe('SSH communicator under stress (loopback sshd)', () => {
  for (const v of variants) {
    it(`${v.name}: concurrent transfers under load arrive whole, cancellations leave nothing`, async () => {
      const d = dial();
      const comm = await SshCommunicator.connect(
        { dial: v.bastion ? { ...d, bastion: { ...d.target } } : d, fileTransferMethod: v.method },
        { timeoutMs: 10_000, signal: new AbortController().signal },
      );
      const scratch = await mkdtemp(join(tmpdir(), 'kiln-stress-ssh-'));
      try {
        const report = await stressCommunicator({
          communicator: comm,
          remoteDir: join(scratch, 'machine'),
          localDir: join(scratch, 'local'),
          smallFiles: v.smallFiles,
          largeBytes: v.largeBytes,
          treeFiles: v.treeFiles,
          concurrency: 4,
        });
        assert.ok(report.uploads >= v.treeFiles + v.smallFiles, JSON.stringify(report));
        assert.equal(report.cancellations, 3);
      } finally {
        comm.close();
        await rm(scratch, { recursive: true, force: true });
      }
    });
  }
});
