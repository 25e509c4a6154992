import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kiln, withTemplate } from './cli-helpers.js';
import { GUEST_ISO, guestMissing } from './qemu-guest.js';

const iso = GUEST_ISO;
const repo = join(import.meta.dirname, '..', '..', '..');
const skip = guestMissing();

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
