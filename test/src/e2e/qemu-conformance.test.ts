import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kiln, withTemplate } from './cli-helpers.js';

const stateDir =
  process.env.KILN_TEST_ENV_DIR ?? join(process.env.XDG_RUNTIME_DIR ?? '/tmp', 'kiln-test-env');
const iso = join(stateDir, 'guest', 'kiln-guest.iso');
const repo = join(import.meta.dirname, '..', '..', '..');
const skip = !existsSync(iso)
  ? `needs the test guest ${iso} (test/env/up.sh guest)`
  : spawnSync('sh', ['-c', 'command -v qemu-system-x86_64'], { stdio: 'ignore' }).status !== 0
    ? 'needs qemu-system-x86_64 (apt-get install qemu-system-x86)'
    : false;

describe('qemu plugin conformance (kiln plugins check)', { skip, timeout: 180_000 }, () => {
  it('passes every check, including cancel and crash mid-Run with QEMU running, leaving no process', async () => {
    await withTemplate({}, async (dir) => {
      const fixture = JSON.stringify({
        iso_url: iso,
        iso_checksum: 'none',
        communicator: 'none',
        accelerator: 'tcg',
        boot_wait: '0s',
        memory: 128,
        disk_size: '8M',
        output_directory: join(dir, 'out'),
        http_bind_address: '127.0.0.1',
      });
      const r = await kiln(
        ['plugins', 'check', join(repo, 'plugins', 'qemu'), '-fixture', `qemu=${fixture}`],
        dir,
      );
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /conforms: 15 passed, 0 failed, 0 not run/);
    });
  });
});
