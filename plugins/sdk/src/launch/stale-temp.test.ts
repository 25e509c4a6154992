import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ownedTempPrefix, sweepStaleTemp } from './stale-temp.js';

test('removes what dead processes left, keeps live ones, other kinds and names without a pid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-sweep-test-'));
  try {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(join(dir, `kiln-core-${dead}-abc`));
    writeFileSync(join(dir, `kiln-shell-${dead}-0123`), 'echo');
    mkdirSync(join(dir, `${ownedTempPrefix('kiln-core')}mine`));
    mkdirSync(join(dir, 'kiln-core-xyz'));
    mkdirSync(join(dir, `other-${dead}-abc`));
    const removed = sweepStaleTemp(['kiln-core', 'kiln-shell'], dir);
    assert.deepEqual(removed.sort(), [`kiln-core-${dead}-abc`, `kiln-shell-${dead}-0123`]);
    assert.deepEqual(
      readdirSync(dir).sort(),
      [`kiln-core-${process.pid}-mine`, 'kiln-core-xyz', `other-${dead}-abc`].sort(),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
